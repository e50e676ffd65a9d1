import { z } from 'zod';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';
import { env, parseConfig } from '@sbor/core';

const settingsFields = {
  EVENTS_PORT: env.port(8083),
  HOST: env.string().default('127.0.0.1'),
  NODE_ENV: env.nodeEnv(),
  ROUTER_SECRET: env.string().pipe(z.string().min(16, 'must be at least 16 characters')),
  JWKS_URL: env.url().default('http://127.0.0.1:8081/.well-known/jwks.json'),
  JWT_ISSUER: env.string().default(DEFAULT_ISSUER),
  JWT_AUDIENCE: env.string().default(DEFAULT_AUDIENCE),
  REMINDER_INTERVAL_MS: env.int(30_000).pipe(z.number().min(100, 'must be at least 100')),
  OUTBOX_INTERVAL_MS: env.int(1_000).pipe(z.number().min(10, 'must be at least 10')),
};

type SettingsInput = z.infer<z.ZodObject<typeof settingsFields>>;

const toSettings = (c: SettingsInput) => ({
  port: c.EVENTS_PORT,
  host: c.HOST,
  production: c.NODE_ENV === 'production',
  routerSecret: c.ROUTER_SECRET,
  jwksUrl: c.JWKS_URL,
  issuer: c.JWT_ISSUER,
  audience: c.JWT_AUDIENCE,
  reminderIntervalMs: c.REMINDER_INTERVAL_MS,
  outboxIntervalMs: c.OUTBOX_INTERVAL_MS,
});

/** What the service itself needs; the embedded launcher reads these from the same variables. */
export const eventsSettingsSchema = z.object(settingsFields).transform(toSettings);
export type EventsSettings = ReturnType<typeof toSettings>;

const BROKERS_NEEDED = 'must list at least one broker, e.g. 127.0.0.1:9092';

/** The standalone service (full mode) also needs its database and Kafka. */
export const eventsConfigSchema = z
  .object({
    ...settingsFields,
    LOG_LEVEL: env.logLevel(),
    DATABASE_URL_EVENTS: env.url(),
    KAFKA_BROKERS: env.csv().pipe(z.array(z.string(), { error: BROKERS_NEEDED }).min(1, BROKERS_NEEDED)),
  })
  .transform((c) => ({
    ...toSettings(c),
    logLevel: c.LOG_LEVEL,
    databaseUrl: c.DATABASE_URL_EVENTS,
    kafkaBrokers: c.KAFKA_BROKERS,
  }));
export type EventsConfig = z.infer<typeof eventsConfigSchema>;

export const loadEventsConfig = (source: Record<string, string | undefined> = process.env) =>
  parseConfig(eventsConfigSchema, source);
export const loadEventsSettings = (source: Record<string, string | undefined>) => parseConfig(eventsSettingsSchema, source);
