import '@sbor/core/require-node';
import { runStandalone } from '@sbor/kit';
import { usersSubgraph } from './subgraph.js';

/** Runs the users subgraph alone, in full mode (docker compose, or one process per service). */
await runStandalone(usersSubgraph);
