import { z } from 'zod';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';
import { env, parseConfig } from '@sbor/core';

const positive = (fallback: number) => env.int(fallback).pipe(z.number().min(1, 'must be at least 1'));

const settingsFields = {
  NOTIFICATIONS_PORT: env.port(8084),
  HOST: env.string().default('127.0.0.1'),
  NODE_ENV: env.nodeEnv(),
  ROUTER_SECRET: env.string().pipe(z.string().min(16, 'must be at least 16 characters')),
  JWKS_URL: env.url().default('http://127.0.0.1:8081/.well-known/jwks.json'),
  JWT_ISSUER: env.string().default(DEFAULT_ISSUER),
  JWT_AUDIENCE: env.string().default(DEFAULT_AUDIENCE),
  /** The Kafka consumer group; tests use their own so they do not steal each other's facts. */
  NOTIFICATIONS_GROUP_ID: env.string().default('notifications'),
  /** Where a new group starts: `earliest` replays retained facts (the inbox makes that harmless). */
  NOTIFICATIONS_START_AT: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['earliest', 'latest']).default('earliest')),
  NOTIFICATIONS_CACHE_TTL_SECONDS: positive(60),
  SMTP_URL: env.optionalUrl(),
  EMAIL_FROM: env.string().default('Sbor <notifications@sbor.local>'),
  VAPID_PUBLIC_KEY: env.optionalString(),
  VAPID_PRIVATE_KEY: env.optionalString(),
  VAPID_SUBJECT: env.string().default('mailto:notifications@sbor.local'),
  DELIVERY_POLL_MS: positive(2_000),
  DELIVERY_MAX_ATTEMPTS: positive(8),
  DELIVERY_BACKOFF_MS: positive(5_000),
  DELIVERY_MAX_BACKOFF_MS: positive(15 * 60_000),
};

type SettingsInput = z.infer<z.ZodObject<typeof settingsFields>>;

/** VAPID keys come as a pair or not at all: half a pair is a mistake worth stopping for. */
const pairedVapidKeys = (c: SettingsInput, ctx: z.RefinementCtx) => {
  if (Boolean(c.VAPID_PUBLIC_KEY) !== Boolean(c.VAPID_PRIVATE_KEY)) {
    const missing = c.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other VAPID key is set' });
  }
};

const toSettings = (c: SettingsInput) => ({
  port: c.NOTIFICATIONS_PORT,
  host: c.HOST,
  production: c.NODE_ENV === 'production',
  routerSecret: c.ROUTER_SECRET,
  jwksUrl: c.JWKS_URL,
  issuer: c.JWT_ISSUER,
  audience: c.JWT_AUDIENCE,
  consumer: { groupId: c.NOTIFICATIONS_GROUP_ID, startAt: c.NOTIFICATIONS_START_AT },
  cacheTtlSeconds: c.NOTIFICATIONS_CACHE_TTL_SECONDS,
  email: c.SMTP_URL ? ({ kind: 'smtp', url: c.SMTP_URL, from: c.EMAIL_FROM } as const) : ({ kind: 'disabled' } as const),
  vapid:
    c.VAPID_PUBLIC_KEY && c.VAPID_PRIVATE_KEY
      ? ({ kind: 'configured', publicKey: c.VAPID_PUBLIC_KEY, privateKey: c.VAPID_PRIVATE_KEY, subject: c.VAPID_SUBJECT } as const)
      : ({ kind: 'generated', subject: c.VAPID_SUBJECT } as const),
  delivery: {
    pollMs: c.DELIVERY_POLL_MS,
    maxAttempts: c.DELIVERY_MAX_ATTEMPTS,
    initialBackoffMs: c.DELIVERY_BACKOFF_MS,
    maxBackoffMs: c.DELIVERY_MAX_BACKOFF_MS,
  },
});

/** What the service itself needs; the embedded launcher reads these from the same variables. */
export const notificationsSettingsSchema = z.object(settingsFields).superRefine(pairedVapidKeys).transform(toSettings);
export type NotificationsSettings = ReturnType<typeof toSettings>;

/** The standalone service (full mode) also needs its database, Redis and Kafka. */
export const notificationsConfigSchema = z
  .object({
    ...settingsFields,
    LOG_LEVEL: env.logLevel(),
    DATABASE_URL_NOTIFICATIONS: env.url(),
    REDIS_URL: env.url(),
    KAFKA_BROKERS: env.string().default('127.0.0.1:9092'),
    CACHE_PREFIX: env.string().default('sbor:'),
  })
  .superRefine(pairedVapidKeys)
  .transform((c) => ({
    ...toSettings(c),
    logLevel: c.LOG_LEVEL,
    databaseUrl: c.DATABASE_URL_NOTIFICATIONS,
    redisUrl: c.REDIS_URL,
    kafkaBrokers: c.KAFKA_BROKERS,
    cachePrefix: c.CACHE_PREFIX,
  }));
export type NotificationsConfig = z.infer<typeof notificationsConfigSchema>;

export const loadNotificationsConfig = (source: Record<string, string | undefined> = process.env) =>
  parseConfig(notificationsConfigSchema, source);
export const loadNotificationsSettings = (source: Record<string, string | undefined>) =>
  parseConfig(notificationsSettingsSchema, source);
