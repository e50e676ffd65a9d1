import '@sbor/core/require-node';
import { createTokenVerifier, remoteKeySet } from '@sbor/auth';
import { connectRedisCache } from '@sbor/cache';
import { createLogger, exitOnConfigError } from '@sbor/core';
import { databaseOnPostgres } from '@sbor/db';
import { createKafkaBus, parseBrokers } from '@sbor/messaging';
import { loadTicketsConfig, type TicketsConfig } from './config.js';
import { startTicketsService } from './service.js';

/** Runs the tickets subgraph alone, in full mode (docker compose, or one process per service). */
let config: TicketsConfig;
try {
  config = loadTicketsConfig();
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger('tickets', config.logLevel);
const database = databaseOnPostgres(config.databaseUrl, { applicationName: 'sbor-tickets' });
const cache = await connectRedisCache(config.redisUrl, { keyPrefix: config.cachePrefix, onError: (err) => logger.warn({ err }, 'redis error') });
const bus = createKafkaBus({ brokers: parseBrokers(config.kafkaBrokers), clientId: 'sbor-tickets', logger });
const verifyToken = createTokenVerifier({ keys: remoteKeySet(config.jwksUrl), issuer: config.issuer, audience: config.audience });
const server = await startTicketsService(config, { database, cache, bus, logger, verifyToken });

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
