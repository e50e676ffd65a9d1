import '@sbor/core/require-node';
import { createLogger, exitOnConfigError, stopOnSignals } from '@sbor/core';
import { ensureWebBuild } from '@sbor/web/build';
import { loadPlatformConfig, type PlatformConfig } from './config.js';
import { startPlatform } from './platform.js';
import { startBanner } from './banner.js';

let config: PlatformConfig;
try {
  config = loadPlatformConfig();
} catch (error) {
  exitOnConfigError(error);
}

// The router serves web/dist at `/`: a fresh clone (or changed sources) builds it first, once.
// The API does not need it, so a failed build is reported and Sbor starts all the same.
await ensureWebBuild().catch((error: unknown) => {
  process.stderr.write(`The web app could not be built, so / serves nothing: ${error instanceof Error ? error.message : String(error)}\n`);
});

const started = Date.now();
const platform = await startPlatform(config).catch((error: unknown) => {
  process.stderr.write(`Sbor could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(
  startBanner({ nodeVersion: process.version, mode: platform.mode, routerUrl: platform.routerUrl, seconds, dataDir: config.dataDir }),
);

stopOnSignals(createLogger('platform', config.logLevel), [platform.stop]);
