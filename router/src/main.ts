import '@sbor/core/require-node';
import { createLogger, exitOnConfigError, stopOnSignals } from '@sbor/core';
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
const router = await startRouter({ ...config, logger });

stopOnSignals(logger, [router.stop]);
