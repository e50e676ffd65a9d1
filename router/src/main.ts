import { createLogger, exitOnConfigError } from '@sbor/core';
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

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    // A second signal while draining means "now": the default handler is back after `once`.
    router.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
