import { connectRedisCache } from '@sbor/cache';
import { createLogger, exitOnConfigError, stopOnSignals } from '@sbor/core';
import { databaseOnPostgres } from '@sbor/db';
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
const server = await startUsersService(config, { database, cache, logger });

stopOnSignals(logger, [server.stop, () => cache.close(), () => database.close()]);
