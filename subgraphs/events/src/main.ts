import '@sbor/core/require-node';
import { createLogger, exitOnConfigError } from '@sbor/core';
import { databaseOnPostgres } from '@sbor/db';
import { createKafkaBus } from '@sbor/messaging';
import { loadEventsConfig, type EventsConfig } from './config.js';
import { startEventsService } from './service.js';

/** Runs the events subgraph alone, in full mode (docker compose, or one process per service). */
let config: EventsConfig;
try {
  config = loadEventsConfig();
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger('events', config.logLevel);
const database = databaseOnPostgres(config.databaseUrl, { applicationName: 'sbor-events' });
const bus = createKafkaBus({ brokers: config.kafkaBrokers, clientId: 'sbor-events', logger });
const server = await startEventsService(config, { database, bus, logger });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'shutting down');
    await server.stop();
    await bus.close();
    await database.close();
    process.exit(0);
  });
}
