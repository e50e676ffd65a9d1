/**
 * The platform in full mode as its own process, for tracing.test.ts: tracing has to start before
 * the app's modules load (`--import @sbor/core/telemetry-register`), which a test file, loaded by
 * vitest, cannot do for itself. Prints one JSON line with its URLs once it serves; SIGTERM stops it
 * and flushes the spans.
 */
import { flushTelemetry } from '@sbor/core';
import { startTestPlatform } from '@sbor/platform';

// The test names the notifications consumer group, to find its spans among other runs' on the broker.
const group = process.env.NOTIFICATIONS_GROUP_ID;
const platform = await startTestPlatform('full', group ? { NOTIFICATIONS_GROUP_ID: group } : {});
process.stdout.write(`${JSON.stringify({ routerUrl: platform.routerUrl, subgraphUrls: platform.subgraphUrls })}\n`);
process.once('SIGTERM', () => {
  void platform
    .stop()
    .then(flushTelemetry)
    .finally(() => process.exit(0));
});
