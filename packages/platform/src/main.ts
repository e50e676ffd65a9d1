import '@sbor/core/require-node';
import { createLogger, exitOnConfigError, stopOnSignals } from '@sbor/core';
import { loadPlatformConfig, type PlatformConfig } from './config.js';
import { startPlatform } from './platform.js';

let config: PlatformConfig;
try {
  config = loadPlatformConfig();
} catch (error) {
  exitOnConfigError(error);
}

const started = Date.now();
const platform = await startPlatform(config).catch((error: unknown) => {
  process.stderr.write(`Sbor could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(
  [
    '',
    `Sbor is running on Node ${process.version} (${platform.mode} mode, started in ${seconds} s).`,
    `  GraphQL + Apollo Sandbox: ${platform.routerUrl}`,
    platform.mode === 'embedded' ? `  Data is kept in ${config.dataDir}/ (delete it to start over).` : '',
    '  Stop with Ctrl+C.',
    '',
  ]
    .filter(Boolean)
    .join('\n') + '\n',
);

stopOnSignals(createLogger('platform', config.logLevel), [platform.stop]);
