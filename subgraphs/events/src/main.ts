import '@sbor/core/require-node';
import { runStandalone } from '@sbor/kit';
import { eventsSubgraph } from './subgraph.js';

/** Runs the events subgraph alone, in full mode (docker compose, or one process per service). */
await runStandalone(eventsSubgraph);
