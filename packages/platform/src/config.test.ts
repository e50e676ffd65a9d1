import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sbor/core';
import { fullModeEnv } from '../../../infra/lib/index.js';
import { loadPlatformConfig } from './config.js';

describe('loadPlatformConfig', () => {
  it('runs embedded with no configuration at all', () => {
    const config = loadPlatformConfig({});
    expect(config.full).toBeUndefined();
    expect(config.ports).toEqual({ router: 8000, users: 8081, tickets: 8082, events: 8083, notifications: 8084 });
    expect(config.dataDir).toBe('.data');
  });

  it('runs in full mode when the database, Kafka and Redis are all set', () => {
    const config = loadPlatformConfig({
      DATABASE_URL_USERS: 'postgres://postgres@127.0.0.1:5432/sbor_users',
      DATABASE_URL_EVENTS: 'postgres://postgres@127.0.0.1:5432/sbor_events',
      DATABASE_URL_TICKETS: 'postgres://postgres@127.0.0.1:5432/sbor_tickets',
      DATABASE_URL_NOTIFICATIONS: 'postgres://postgres@127.0.0.1:5432/sbor_notifications',
      KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.full?.kafkaBrokers).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.full?.databaseUrls).toEqual({
      users: 'postgres://postgres@127.0.0.1:5432/sbor_users',
      events: 'postgres://postgres@127.0.0.1:5432/sbor_events',
      tickets: 'postgres://postgres@127.0.0.1:5432/sbor_tickets',
      notifications: 'postgres://postgres@127.0.0.1:5432/sbor_notifications',
    });
  });

  it('names every missing full-mode variable when only some are set', () => {
    try {
      loadPlatformConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/DATABASE_URL_USERS: is required for full mode because REDIS_URL is set/);
      expect(problems).toMatch(/KAFKA_BROKERS: is required/);
      expect(problems).toMatch(/DATABASE_URL_EVENTS: is required/);
    }
  });

  it('refuses full mode without the events database', () => {
    expect(() =>
      loadPlatformConfig({
        DATABASE_URL_USERS: 'postgres://postgres@127.0.0.1:5432/sbor_users',
        KAFKA_BROKERS: '127.0.0.1:9092',
        REDIS_URL: 'redis://127.0.0.1:6379',
      }),
    ).toThrow(/DATABASE_URL_EVENTS: is required for full mode because DATABASE_URL_USERS, KAFKA_BROKERS, REDIS_URL are set/);
  });

  it('reports every bad variable at once, by name', () => {
    try {
      loadPlatformConfig({ ROUTER_PORT: 'eighty', USERS_PORT: '70000', EVENTS_PORT: '-1', ROUTER_SECRET: 'short', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      const names = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names.sort()).toEqual(['EVENTS_PORT', 'LOG_LEVEL', 'ROUTER_PORT', 'ROUTER_SECRET', 'USERS_PORT']);
    }
  });

  it('treats an empty variable as unset', () => {
    expect(loadPlatformConfig({ ROUTER_PORT: '', DATABASE_URL_USERS: '' }).ports.router).toBe(8000);
  });

  it('runs in full mode with exactly the variables `npm run infra:up` writes for `npm run start:full`', () => {
    const lines = fullModeEnv({
      databases: {
        DATABASE_URL_USERS: 'postgres://u',
        DATABASE_URL_EVENTS: 'postgres://e',
        DATABASE_URL_TICKETS: 'postgres://t',
        DATABASE_URL_NOTIFICATIONS: 'postgres://n',
      },
      kafkaBrokers: ['127.0.0.1:9092'],
      redisUrl: 'redis://127.0.0.1:6379',
    });
    const env = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(loadPlatformConfig(env).full?.databaseUrls).toEqual({
      users: 'postgres://u',
      events: 'postgres://e',
      tickets: 'postgres://t',
      notifications: 'postgres://n',
    });
  });
});
