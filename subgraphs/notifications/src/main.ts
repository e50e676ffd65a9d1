import '@sbor/core/require-node';
import { runStandalone } from '@sbor/kit';
import { notificationsSubgraph } from './subgraph.js';

/** Runs the notifications subgraph alone, in full mode (docker compose, or one process per service). */
await runStandalone(notificationsSubgraph);
