import '@sbor/core/require-node';
import { runStandalone } from '@sbor/kit';
import { ticketsSubgraph } from './subgraph.js';

/** Runs the tickets subgraph alone, in full mode (docker compose, or one process per service). */
await runStandalone(ticketsSubgraph);
