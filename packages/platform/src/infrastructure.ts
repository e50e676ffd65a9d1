import path from 'node:path';
import { connectRedisCache, createMemoryCache, type Cache } from '@sbor/cache';
import type { Logger } from '@sbor/core';
import { databaseOnPglite, databaseOnPostgres, openEmbeddedPostgres, type Database } from '@sbor/db';
import { createKafkaBus, createLogBus, type Bus } from '@sbor/messaging';
import { SERVICES, type PlatformConfig, type ServiceName } from './config.js';

type Closer = () => Promise<unknown>;

/** What services share in this process. Full mode gives each service its own database. */
export interface Infrastructure {
  databases: Record<ServiceName, Database>;
  cache: Cache;
  /** Kafka in full mode; embedded, a log in PGlite with the same guarantees (it survives restarts). */
  bus: Bus;
  closers: Closer[];
}

const eachService = <T>(make: (name: ServiceName) => T) =>
  Object.fromEntries(SERVICES.map((name) => [name, make(name)])) as Record<ServiceName, T>;

export async function embeddedInfrastructure(config: PlatformConfig, logger: Logger): Promise<Infrastructure> {
  // One PGlite for all services, a schema each: a quarter of the memory and start time of four.
  const dataDir = config.dataDir === ':memory:' ? undefined : path.resolve(config.dataDir, 'pglite');
  logger.info({ dataDir: dataDir ?? 'in memory' }, 'opening embedded PostgreSQL (PGlite)');
  const pglite = await openEmbeddedPostgres(dataDir);
  const cache = createMemoryCache();
  const bus = await createLogBus(databaseOnPglite(pglite), { logger });
  return {
    databases: eachService(() => databaseOnPglite(pglite)),
    cache,
    bus,
    closers: [() => bus.close(), () => cache.close(), () => pglite.close()],
  };
}

export async function fullInfrastructure(full: NonNullable<PlatformConfig['full']>, logger: Logger): Promise<Infrastructure> {
  const databases = eachService((name) => databaseOnPostgres(full.databaseUrls[name], { applicationName: `sbor-${name}` }));
  const cache = await connectRedisCache(full.redisUrl, {
    keyPrefix: full.cachePrefix,
    onError: (err) => logger.warn({ err }, 'redis error'),
  });
  const bus = createKafkaBus({ brokers: full.kafkaBrokers, clientId: 'sbor-platform', logger });
  return {
    databases,
    cache,
    bus,
    closers: [() => bus.close(), () => cache.close(), ...SERVICES.map((name) => () => databases[name].close())],
  };
}
