import { z } from 'zod';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';
import { env, parseConfig } from '@sbor/core';

export const usersConfigSchema = z
  .object({
    USERS_PORT: env.port(8081),
    HOST: env.string().default('127.0.0.1'),
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    DATABASE_URL_USERS: env.url(),
    REDIS_URL: env.url(),
    ROUTER_SECRET: env.string().pipe(z.string().min(16, 'must be at least 16 characters')),
    JWT_ISSUER: env.string().default(DEFAULT_ISSUER),
    JWT_AUDIENCE: env.string().default(DEFAULT_AUDIENCE),
    ARGON2_MEMORY_KIB: env.int(19_456).pipe(z.number().min(8_192, 'must be at least 8192')),
    LOGIN_LIMIT_PER_EMAIL: env.int(10),
    LOGIN_LIMIT_PER_IP: env.int(100),
    REGISTER_LIMIT_PER_IP: env.int(20),
    REFRESH_LIMIT_PER_IP: env.int(120),
  })
  .transform((c) => ({
    port: c.USERS_PORT,
    host: c.HOST,
    production: c.NODE_ENV === 'production',
    logLevel: c.LOG_LEVEL,
    databaseUrl: c.DATABASE_URL_USERS,
    redisUrl: c.REDIS_URL,
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
  }));

/** The standalone service (full mode); the embedded launcher builds the same settings itself. */
export type UsersConfig = z.infer<typeof usersConfigSchema>;
export type UsersSettings = Omit<UsersConfig, 'databaseUrl' | 'redisUrl' | 'logLevel'>;

export const loadUsersConfig = (source: Record<string, string | undefined> = process.env) =>
  parseConfig(usersConfigSchema, source);
