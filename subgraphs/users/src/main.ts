import '@sbor/core/require-node';
import { connectRedisCache } from '@sbor/cache';
import { createLogger, exitOnConfigError, stopOnSignals } from '@sbor/core';
import { databaseOnPostgres } from '@sbor/db';
import { createKafkaBus } from '@sbor/messaging';
import { loadUsersConfig, type UsersConfig } from './config.js';
import { startUsersService } from './service.js';

/** Runs the users subgraph alone, in full mode (docker compose, or one process per service). */
let config: UsersConfig;
try {
  config = loadUsersConfig();
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger('users', config.logLevel);
const database = databaseOnPostgres(config.databaseUrl, { applicationName: 'sbor-users' });
const cache = await connectRedisCache(config.redisUrl, {
  keyPrefix: config.cachePrefix,
  onError: (err) => logger.warn({ err }, 'redis error'),
});
const bus = createKafkaBus({ brokers: config.kafkaBrokers, clientId: 'sbor-users', logger });
const server = await startUsersService(config, { database, cache, bus, logger });

stopOnSignals(logger, [server.stop, () => bus.close(), () => cache.close(), () => database.close()]);
