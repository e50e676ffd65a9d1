/**
 * `npm run infra:up`: local infrastructure for full mode. Idempotent: checks PostgreSQL (creates the
 * four databases, each owned by its service's role), checks Redis, uses or starts a Kafka broker and creates all topics, then prints
 * the env lines for full mode. Stop the broker with `npm run infra:down`.
 */
import { elapsed, ensureInfra, log, printFullModeEnv, runScript } from './lib/index.js';

runScript(async () => {
  const startedAt = performance.now();
  log('bringing up PostgreSQL databases, Redis and Kafka…');
  // Full mode: each service connects as the role that owns its database, never as the superuser.
  const env = await ensureInfra({ serviceRoles: true });
  log(`all up (${elapsed(startedAt)})`);
  printFullModeEnv(env);
});
