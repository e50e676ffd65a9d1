import type { Logger } from '@sbor/core';

/** The logger shape Apollo Server and the gateway accept (@apollo/utils.logger). */
export interface ApolloLogger {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

/**
 * Apollo passes plain strings (or Errors); routing them through pino keeps one JSON log stream with
 * the router's `service` field instead of Apollo's console output.
 */
export function toApolloLogger(logger: Logger): ApolloLogger {
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message?: unknown) => {
    if (message instanceof Error) logger[level]({ err: message }, message.message);
    else logger[level](String(message));
  };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
