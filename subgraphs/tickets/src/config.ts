import { z } from 'zod';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';
import { env, parseConfig } from '@sbor/core';

const settingsFields = {
  TICKETS_PORT: env.port(8082),
  HOST: env.string().default('127.0.0.1'),
  NODE_ENV: env.nodeEnv(),
  ROUTER_SECRET: env.string().pipe(z.string().min(16, 'must be at least 16 characters')),
  EVENTS_INTERNAL_URL: env.url().default('http://127.0.0.1:8083'),
  EVENTS_TIMEOUT_MS: env.int(1500).pipe(z.number().min(50, 'must be at least 50').max(30_000, 'must be at most 30000')),
  OUTBOX_INTERVAL_MS: env.int(1000).pipe(z.number().min(10, 'must be at least 10')),
  TICKETS_GROUP_ID: env.string().default('tickets'),
  TICKETS_START_AT: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['earliest', 'latest']).default('earliest')),
};

type SettingsInput = z.infer<z.ZodObject<typeof settingsFields>>;

const toSettings = (c: SettingsInput) => ({
  port: c.TICKETS_PORT,
  host: c.HOST,
  production: c.NODE_ENV === 'production',
  routerSecret: c.ROUTER_SECRET,
  events: { baseUrl: c.EVENTS_INTERNAL_URL, timeoutMs: c.EVENTS_TIMEOUT_MS },
  outboxIntervalMs: c.OUTBOX_INTERVAL_MS,
  consumer: { groupId: c.TICKETS_GROUP_ID, startAt: c.TICKETS_START_AT },
});

/** What the service itself needs; the embedded launcher reads these from the same variables. */
export const ticketsSettingsSchema = z.object(settingsFields).transform(toSettings);
export type TicketsSettings = ReturnType<typeof toSettings>;

/** The standalone service (full mode) also needs its database, Kafka, Redis and the JWKS to verify tokens. */
export const ticketsConfigSchema = z
  .object({
    ...settingsFields,
    LOG_LEVEL: env.logLevel(),
    DATABASE_URL_TICKETS: env.url(),
    KAFKA_BROKERS: env.string(),
    REDIS_URL: env.url(),
    CACHE_PREFIX: env.string().default('sbor:'),
    JWKS_URL: env.url().default('http://127.0.0.1:8081/.well-known/jwks.json'),
    JWT_ISSUER: env.string().default(DEFAULT_ISSUER),
    JWT_AUDIENCE: env.string().default(DEFAULT_AUDIENCE),
  })
  .transform((c) => ({
    ...toSettings(c),
    logLevel: c.LOG_LEVEL,
    databaseUrl: c.DATABASE_URL_TICKETS,
    kafkaBrokers: c.KAFKA_BROKERS,
    redisUrl: c.REDIS_URL,
    cachePrefix: c.CACHE_PREFIX,
    jwksUrl: c.JWKS_URL,
    issuer: c.JWT_ISSUER,
    audience: c.JWT_AUDIENCE,
  }));
export type TicketsConfig = z.infer<typeof ticketsConfigSchema>;

export const loadTicketsConfig = (source: Record<string, string | undefined> = process.env) =>
  parseConfig(ticketsConfigSchema, source);
export const loadTicketsSettings = (source: Record<string, string | undefined>) => parseConfig(ticketsSettingsSchema, source);
