/**
 * `npm run infra:up`: local infrastructure for full mode. Idempotent: checks PostgreSQL (creates the
 * four databases), checks Redis, uses or starts a Kafka broker and creates all topics, then prints
 * the env lines for full mode. Stop the broker with `npm run infra:down`.
 */
import { elapsed, ensureInfra, log, printFullModeEnv, runScript } from './lib/index.js';

runScript(async () => {
  const startedAt = performance.now();
  log('bringing up PostgreSQL databases, Redis and Kafka…');
  const env = await ensureInfra();
  log(`all up (${elapsed(startedAt)})`);
  printFullModeEnv(env);
});
