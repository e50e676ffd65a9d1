/**
 * `node --import @sbor/core/telemetry-register` (the npm scripts, the Dockerfile and compose pass
 * it): starts tracing before the app's modules load, which ESM instrumentation needs. Without an
 * OTLP endpoint it loads nothing else, so tracing off costs nothing.
 */
if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
  await import('./telemetry-sdk.js');
}

export {};
