/**
 * Runs before vitest (`npm test`): makes sure what integration tests need is there — PostgreSQL with
 * the four databases, Redis, a Kafka broker with all topics (started from infra/ if none answers).
 * Exits non-zero at once, naming the start command, when PostgreSQL or Redis does not answer.
 * Fast when everything is already up. Tests use process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'.
 */
import { elapsed, ensureInfra, log, runScript } from './lib/index.js';

runScript(async () => {
  const startedAt = performance.now();
  const env = await ensureInfra();
  log(`test infrastructure ready (${elapsed(startedAt)}): Kafka ${env.kafkaBrokers.join(',')}, Redis ${env.redisUrl}`);
});
