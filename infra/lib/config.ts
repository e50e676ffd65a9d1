/** Where things are and which addresses the infra scripts use (all overridable via env). */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INFRA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(INFRA_DIR, '..');
/** Runtime state (gitignored): pid file, rendered config, broker data and logs. */
export const RUN_DIR = join(INFRA_DIR, '.run');
export const KAFKA_DIR = join(INFRA_DIR, 'kafka');

/** What tests and services use when `KAFKA_BROKERS` is unset. */
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** One database per subgraph; the env variable that points a service at it. */
export const SERVICE_DATABASES = {
  DATABASE_URL_USERS: 'sbor_users',
  DATABASE_URL_EVENTS: 'sbor_events',
  DATABASE_URL_TICKETS: 'sbor_tickets',
  DATABASE_URL_NOTIFICATIONS: 'sbor_notifications',
} as const;

/** Topic layout infra creates (single broker: replication 1). */
export const TOPIC_PARTITIONS = 3;
export const TOPIC_REPLICATION = 1;

export const postgresAdminUrl = (): string => process.env.PGADMIN_URL ?? process.env.TEST_POSTGRES_ADMIN_URL ?? DEFAULT_POSTGRES_ADMIN_URL;

export const redisUrl = (): string => process.env.REDIS_URL ?? DEFAULT_REDIS_URL;

/** KAFKA_BROKERS, else 127.0.0.1:$KAFKA_PORT, else 127.0.0.1:9092. */
export const kafkaBrokers = (): string[] =>
  (process.env.KAFKA_BROKERS ?? (process.env.KAFKA_PORT ? `127.0.0.1:${process.env.KAFKA_PORT}` : DEFAULT_KAFKA_BROKERS))
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);

/**
 * Ports of the broker infra runs itself: the port of the (first) broker address, so KAFKA_BROKERS
 * or KAFKA_PORT; the controller listens on the next port unless KAFKA_CONTROLLER_PORT says otherwise.
 */
export function localKafkaPorts(brokers: string[] = kafkaBrokers()): { port: number; controllerPort: number } {
  const port = Number(brokers[0]?.split(':').pop()) || 9092;
  const controllerPort = Number(process.env.KAFKA_CONTROLLER_PORT ?? port + 1);
  return { port, controllerPort };
}

/** Whether `host:port` names this machine, i.e. a broker infra may start itself. */
export function isLocalAddress(broker: string): boolean {
  const host = broker.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return ['127.0.0.1', 'localhost', '::1', '0.0.0.0'].includes(host);
}

/** `postgres://…/postgres` → the same server's URL for `database`. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
