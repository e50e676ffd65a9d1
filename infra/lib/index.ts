/** Local infrastructure for full mode and integration tests: PostgreSQL, Kafka, Redis. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RUN_DIR } from './config.js';
import { InfraError, log } from './log.js';
import { ensureKafka } from './kafka.js';
import { type DatabaseUrls, ensurePostgres } from './postgres.js';
import { ensureRedis } from './redis.js';

export * from './config.js';
export * from './kafka.js';
export * from './kafka-broker.js';
export * from './log.js';
export * from './postgres.js';
export * from './postgres-roles.js';
export * from './redis.js';

export interface InfraEnv {
  databases: DatabaseUrls;
  kafkaBrokers: string[];
  redisUrl: string;
}

/**
 * PostgreSQL and Redis are checked together first (both belong to the machine; a failure names
 * every one that is missing, with its start command), then Kafka is used or started, then topics.
 */
export async function ensureInfra({ serviceRoles = false } = {}): Promise<InfraEnv> {
  const [databases, redis] = await Promise.allSettled([ensurePostgres(undefined, { serviceRoles }), ensureRedis()]);
  const failures = [databases, redis].flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const all = failures.map((error) => (error instanceof InfraError ? error : new InfraError(String(error))));
    throw new InfraError('PostgreSQL and Redis are both not answering:', undefined, all);
  }
  const kafkaBrokers = await ensureKafka();
  return {
    databases: (databases as PromiseFulfilledResult<DatabaseUrls>).value,
    kafkaBrokers,
    redisUrl: (redis as PromiseFulfilledResult<string>).value,
  };
}

/** The env lines that put the platform in full mode against this infrastructure. */
export function fullModeEnv(env: InfraEnv): string[] {
  return [
    ...Object.entries(env.databases).map(([name, url]) => `${name}=${url}`),
    `KAFKA_BROKERS=${env.kafkaBrokers.join(',')}`,
    `REDIS_URL=${env.redisUrl}`,
  ];
}

/** Where `infra:up` writes those lines; `npm run start:full` reads them with Node's --env-file. */
export const FULL_MODE_ENV_FILE = join(RUN_DIR, 'full-mode.env');

export function printFullModeEnv(env: InfraEnv): void {
  const lines = fullModeEnv(env);
  mkdirSync(RUN_DIR, { recursive: true });
  writeFileSync(FULL_MODE_ENV_FILE, `${lines.join('\n')}\n`);
  log(`full mode: wrote ${relative(process.cwd(), FULL_MODE_ENV_FILE)}; run npm run start:full (or set these yourself and run npm start):`);
  for (const line of lines) console.log(`  ${line}`);
}
