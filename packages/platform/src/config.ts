import { z } from 'zod';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';
import { env, parseConfig } from '@sbor/core';

export const SERVICES = ['users', 'events', 'tickets', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

const FULL_MODE_VARIABLES = [
  'DATABASE_URL_USERS',
  'DATABASE_URL_EVENTS',
  'DATABASE_URL_TICKETS',
  'DATABASE_URL_NOTIFICATIONS',
  'KAFKA_BROKERS',
  'REDIS_URL',
] as const;

/**
 * `npm start`: with none of the full-mode variables set, everything runs embedded; with them set,
 * on real PostgreSQL, Kafka and Redis. Half a configuration is an error, not a silent fallback.
 */
export const platformConfigSchema = z
  .object({
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    HOST: env.string().default('127.0.0.1'),
    DATA_DIR: env.string().default('.data'),
    ROUTER_PORT: env.port(8000),
    USERS_PORT: env.port(8081),
    TICKETS_PORT: env.port(8082),
    EVENTS_PORT: env.port(8083),
    NOTIFICATIONS_PORT: env.port(8084),
    ROUTER_SECRET: env.optionalString().pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    JWT_ISSUER: env.string().default(DEFAULT_ISSUER),
    JWT_AUDIENCE: env.string().default(DEFAULT_AUDIENCE),
    DATABASE_URL_USERS: env.optionalUrl(),
    DATABASE_URL_EVENTS: env.optionalUrl(),
    DATABASE_URL_TICKETS: env.optionalUrl(),
    DATABASE_URL_NOTIFICATIONS: env.optionalUrl(),
    KAFKA_BROKERS: env.csv(),
    REDIS_URL: env.optionalUrl(),
    CACHE_PREFIX: env.string().default('sbor:'),
  })
  .superRefine((c, ctx) => {
    const set = FULL_MODE_VARIABLES.filter((name) => c[name] !== undefined);
    if (set.length === 0 || set.length === FULL_MODE_VARIABLES.length) return;
    for (const name of FULL_MODE_VARIABLES.filter((n) => c[n] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `is required for full mode because ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set (unset them all for embedded mode)`,
      });
    }
  })
  .transform((c) => ({
    nodeEnv: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    ports: {
      router: c.ROUTER_PORT,
      users: c.USERS_PORT,
      events: c.EVENTS_PORT,
      tickets: c.TICKETS_PORT,
      notifications: c.NOTIFICATIONS_PORT,
    },
    routerSecret: c.ROUTER_SECRET,
    issuer: c.JWT_ISSUER,
    audience: c.JWT_AUDIENCE,
    full:
      c.DATABASE_URL_USERS && c.DATABASE_URL_EVENTS && c.DATABASE_URL_TICKETS && c.DATABASE_URL_NOTIFICATIONS && c.KAFKA_BROKERS && c.REDIS_URL
        ? {
            databaseUrls: {
              users: c.DATABASE_URL_USERS,
              events: c.DATABASE_URL_EVENTS,
              tickets: c.DATABASE_URL_TICKETS,
              notifications: c.DATABASE_URL_NOTIFICATIONS,
            } satisfies Record<ServiceName, string>,
            kafkaBrokers: c.KAFKA_BROKERS,
            redisUrl: c.REDIS_URL,
            cachePrefix: c.CACHE_PREFIX,
          }
        : undefined,
  }));

export type PlatformConfig = z.infer<typeof platformConfigSchema> & {
  /** The variables it was read from: each service reads its own settings from them too. */
  source: Record<string, string | undefined>;
};

export const loadPlatformConfig = (source: Record<string, string | undefined> = process.env): PlatformConfig => ({
  ...parseConfig(platformConfigSchema, source),
  source,
});
