import { pino, type Logger } from 'pino';

export type { Logger };

/** One JSON logger per service; `service` is on every line so interleaved logs stay readable. */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["router-authorization"]', '*.password', '*.refreshToken'],
      censor: '[redacted]',
    },
  });
}
