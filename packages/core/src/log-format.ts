/**
 * How log lines are written: JSON (one object per line, for collectors) or pretty (coloured, one
 * readable line, for a person at a terminal). `LOG_FORMAT` decides when set; otherwise a terminal
 * gets pretty lines and everything else, and production always, gets JSON.
 */
export type LogFormat = 'json' | 'pretty';

export function logFormat(env: { LOG_FORMAT?: string; NODE_ENV?: string }, isTTY: boolean): LogFormat {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
  if (env.NODE_ENV === 'production') return 'json';
  return isTTY ? 'pretty' : 'json';
}
