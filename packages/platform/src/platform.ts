import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { connectRedisCache, createMemoryCache, type Cache } from '@sbor/cache';
import { createLogger, type Logger } from '@sbor/core';
import { databaseOnPglite, databaseOnPostgres, openEmbeddedPostgres, type Database } from '@sbor/db';
import { createKafkaBus, createMemoryBus, type Bus } from '@sbor/messaging';
import { loadRouterConfig, startRouter } from '@sbor/router';
import { loadEventsSettings, startEventsService } from '@sbor/events';
import { loadUsersSettings, startUsersService } from '@sbor/users';
import type { PlatformConfig } from './config.js';

export interface Platform {
  mode: 'embedded' | 'full';
  routerUrl: string;
  /** Each subgraph's GraphQL URL (they only answer requests that carry the router secret). */
  subgraphUrls: { users: string; events: string };
  routerSecret: string;
  stop(): Promise<void>;
}

type Closer = () => Promise<unknown>;

/** What services share in this process. Full mode gives each service its own database. */
interface Infrastructure {
  databases: { users: Database; events: Database };
  cache: Cache;
  /** Kafka in full mode; in embedded mode an in-process bus with the same delivery guarantees. */
  bus: Bus;
  closers: Closer[];
}

async function embeddedInfrastructure(config: PlatformConfig, logger: Logger): Promise<Infrastructure> {
  // One PGlite for all services, a schema each: a quarter of the memory and start time of four.
  const dataDir = config.dataDir === ':memory:' ? undefined : path.resolve(config.dataDir, 'pglite');
  logger.info({ dataDir: dataDir ?? 'in memory' }, 'opening embedded PostgreSQL (PGlite)');
  const pglite = await openEmbeddedPostgres(dataDir);
  const cache = createMemoryCache();
  const bus = createMemoryBus({ logger });
  return {
    databases: { users: databaseOnPglite(pglite), events: databaseOnPglite(pglite) },
    cache,
    bus,
    closers: [() => bus.close(), () => cache.close(), () => pglite.close()],
  };
}

async function fullInfrastructure(full: NonNullable<PlatformConfig['full']>, logger: Logger): Promise<Infrastructure> {
  const users = databaseOnPostgres(full.databaseUrls.users, { applicationName: 'sbor-users' });
  const events = databaseOnPostgres(full.databaseUrls.events, { applicationName: 'sbor-events' });
  const cache = await connectRedisCache(full.redisUrl, {
    keyPrefix: full.cachePrefix,
    onError: (err) => logger.warn({ err }, 'redis error'),
  });
  const bus = createKafkaBus({ brokers: full.kafkaBrokers, clientId: 'sbor-platform', logger });
  return {
    databases: { users, events },
    cache,
    bus,
    closers: [() => bus.close(), () => cache.close(), () => users.close(), () => events.close()],
  };
}

/**
 * Starts the router and every subgraph in this process. Embedded mode needs nothing installed;
 * full mode uses the PostgreSQL databases, Kafka and Redis named in the configuration.
 */
export async function startPlatform(config: PlatformConfig): Promise<Platform> {
  const logger = createLogger('platform', config.logLevel);
  const mode = config.full ? 'full' : 'embedded';
  const routerSecret = config.routerSecret ?? randomBytes(24).toString('base64url');
  const infra = config.full ? await fullInfrastructure(config.full, logger) : await embeddedInfrastructure(config, logger);
  const stops: Closer[] = [];
  const stopAll = async () => {
    for (const stop of [...stops.reverse(), ...infra.closers]) await stop().catch((err) => logger.warn({ err }, 'stop failed'));
  };
  try {
    // Each service reads its own settings from the same variables; the launcher fixes what it owns.
    const serviceEnv = { ...config.source, HOST: config.host, ROUTER_SECRET: routerSecret, NODE_ENV: config.nodeEnv };
    const users = await startUsersService(
      loadUsersSettings({ ...serviceEnv, USERS_PORT: String(config.ports.users) }),
      { database: infra.databases.users, cache: infra.cache, logger: createLogger('users', config.logLevel) },
    );
    stops.push(users.stop);
    const jwksUrl = new URL('/.well-known/jwks.json', users.url).toString();
    const events = await startEventsService(
      loadEventsSettings({ ...serviceEnv, EVENTS_PORT: String(config.ports.events), JWKS_URL: jwksUrl }),
      { database: infra.databases.events, bus: infra.bus, logger: createLogger('events', config.logLevel) },
    );
    stops.push(events.stop);
    const subgraphUrls = { users: users.url, events: events.url };
    const router = await startRouter({
      ...loadRouterConfig({}),
      port: config.ports.router,
      host: config.host,
      nodeEnv: config.nodeEnv,
      logLevel: config.logLevel,
      routerSecret,
      jwksUrl,
      issuer: config.issuer,
      audience: config.audience,
      subgraphUrls,
      logger: createLogger('router', config.logLevel),
    });
    stops.push(router.stop);
    return { mode, routerUrl: router.url, subgraphUrls, routerSecret, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
