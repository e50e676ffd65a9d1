import { z } from 'zod';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';
import { env, parseConfig } from '@sbor/core';

const settingsFields = {
  USERS_PORT: env.port(8081),
  HOST: env.string().default('127.0.0.1'),
  NODE_ENV: env.nodeEnv(),
  ROUTER_SECRET: env.string().pipe(z.string().min(16, 'must be at least 16 characters')),
  JWT_ISSUER: env.string().default(DEFAULT_ISSUER),
  JWT_AUDIENCE: env.string().default(DEFAULT_AUDIENCE),
  ARGON2_MEMORY_KIB: env.int(19_456).pipe(z.number().min(8_192, 'must be at least 8192')),
  LOGIN_LIMIT_PER_EMAIL: env.int(10).pipe(z.number().min(1, 'must be at least 1')),
  LOGIN_LIMIT_PER_IP: env.int(100).pipe(z.number().min(1, 'must be at least 1')),
  REGISTER_LIMIT_PER_IP: env.int(20).pipe(z.number().min(1, 'must be at least 1')),
  REFRESH_LIMIT_PER_IP: env.int(120).pipe(z.number().min(1, 'must be at least 1')),
};

type SettingsInput = z.infer<z.ZodObject<typeof settingsFields>>;

const toSettings = (c: SettingsInput) => ({
  port: c.USERS_PORT,
  host: c.HOST,
  production: c.NODE_ENV === 'production',
  routerSecret: c.ROUTER_SECRET,
  issuer: c.JWT_ISSUER,
  audience: c.JWT_AUDIENCE,
  argon2MemoryKib: c.ARGON2_MEMORY_KIB,
  rateLimits: {
    loginPerEmail: c.LOGIN_LIMIT_PER_EMAIL,
    loginPerIp: c.LOGIN_LIMIT_PER_IP,
    registerPerIp: c.REGISTER_LIMIT_PER_IP,
    refreshPerIp: c.REFRESH_LIMIT_PER_IP,
  },
});

/** What the service itself needs; the embedded launcher reads these from the same variables. */
export const usersSettingsSchema = z.object(settingsFields).transform(toSettings);
export type UsersSettings = ReturnType<typeof toSettings>;

/** The standalone service (full mode) also needs its database and Redis. */
export const usersConfigSchema = z
  .object({
    ...settingsFields,
    LOG_LEVEL: env.logLevel(),
    DATABASE_URL_USERS: env.url(),
    REDIS_URL: env.url(),
    KAFKA_BROKERS: env.csv().pipe(z.array(z.string(), { error: 'is required (e.g. 127.0.0.1:9092)' }).min(1, 'is required (e.g. 127.0.0.1:9092)')),
    CACHE_PREFIX: env.string().default('sbor:'),
  })
  .transform((c) => ({
    ...toSettings(c),
    logLevel: c.LOG_LEVEL,
    databaseUrl: c.DATABASE_URL_USERS,
    redisUrl: c.REDIS_URL,
    kafkaBrokers: c.KAFKA_BROKERS,
    cachePrefix: c.CACHE_PREFIX,
  }));
export type UsersConfig = z.infer<typeof usersConfigSchema>;

export const loadUsersConfig = (source: Record<string, string | undefined> = process.env) =>
  parseConfig(usersConfigSchema, source);
export const loadUsersSettings = (source: Record<string, string | undefined>) => parseConfig(usersSettingsSchema, source);
