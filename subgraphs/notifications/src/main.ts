import '@sbor/core/require-node';
import { connectRedisCache } from '@sbor/cache';
import { createLogger, exitOnConfigError } from '@sbor/core';
import { databaseOnPostgres } from '@sbor/db';
import { createKafkaBus, parseBrokers } from '@sbor/messaging';
import { loadNotificationsConfig, type NotificationsConfig } from './config.js';
import { startNotificationsService } from './service.js';

/** Runs the notifications subgraph alone, in full mode (docker compose, or one process per service). */
let config: NotificationsConfig;
try {
  config = loadNotificationsConfig();
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger('notifications', config.logLevel);
const database = databaseOnPostgres(config.databaseUrl, { applicationName: 'sbor-notifications' });
const cache = await connectRedisCache(config.redisUrl, { keyPrefix: config.cachePrefix, onError: (err) => logger.warn({ err }, 'redis error') });
const bus = createKafkaBus({ brokers: parseBrokers(config.kafkaBrokers), clientId: 'sbor-notifications', logger });
const server = await startNotificationsService(config, { database, cache, bus, logger });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'shutting down');
    await server.stop();
    await bus.close();
    await cache.close();
    await database.close();
    process.exit(0);
  });
}
