import type { Logger } from 'pino';
import { flushTelemetry } from './telemetry.js';

/**
 * Stops the given parts in order on SIGTERM/SIGINT, flushes buffered spans, and exits 0 (1 if a
 * part fails to stop).
 * A second signal while draining ends the process at once: `once` restores the default handler.
 */
export function stopOnSignals(logger: Logger, parts: (() => Promise<unknown>)[]): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      (async () => {
        for (const stop of parts) await stop();
        // The spans of the last requests, and of the shutdown itself (nothing when tracing is off).
        await flushTelemetry();
      })().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
