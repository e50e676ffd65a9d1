import '@sbor/core/require-node';
import { createLogger, exitOnConfigError, stopOnSignals } from '@sbor/core';
import { createKafkaBus } from '@sbor/messaging';
import { loadRouterConfig, type RouterConfig } from './config.js';
import { startRouter } from './router.js';

/** Runs the router alone (full mode); the embedded launcher calls `startRouter` itself. */
let config: RouterConfig;
try {
  config = loadRouterConfig();
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger('router', config.logLevel);
// Facts that end cached public answers early; each replica keeps its own cache and hears every fact.
const facts = config.kafkaBrokers ? createKafkaBus({ brokers: config.kafkaBrokers, clientId: 'sbor-router', logger }) : undefined;
const router = await startRouter({ ...config, logger, responseCacheInfra: { facts } });

stopOnSignals(logger, [router.stop, async () => facts?.close()]);
