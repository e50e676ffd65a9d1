import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { logFormat } from './log-format.js';
import { activeTraceIds, tracingOn } from './telemetry.js';

export type { Logger };

/**
 * In a terminal, lines a person can read: time, level, service, message, then the fields. Written
 * synchronously, so they stay in order with what the process prints itself (the start banner).
 */
let prettyStream: DestinationStream | undefined;
const destination = () =>
  logFormat(process.env, Boolean(process.stdout.isTTY)) === 'pretty'
    ? (prettyStream ??= pretty({
        colorize: Boolean(process.stdout.isTTY),
        sync: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,name,service',
        messageFormat: '{service} {msg}',
      }))
    : undefined;

/**
 * One logger per service; `service` is on every line so interleaved logs stay readable. With
 * tracing on, a line written inside a trace carries its `trace_id` and `span_id`. JSON, except in a
 * terminal outside production (see `logFormat`).
 */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["router-authorization"]', '*.password', '*.refreshToken'],
      censor: '[redacted]',
    },
    // pino merges each line's fields into what the mixin returns, so it must be a fresh object.
    ...(tracingOn() ? { mixin: () => activeTraceIds() ?? {} } : {}),
  } satisfies Parameters<typeof pino>[0];
  const stream = destination();
  return stream ? pino(options, stream) : pino(options);
}
