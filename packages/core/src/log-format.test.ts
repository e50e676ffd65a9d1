import { describe, expect, it } from 'vitest';
import { logFormat } from './log-format.js';

describe('logFormat', () => {
  it('writes readable lines to a terminal and JSON everywhere else', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({ NODE_ENV: 'development' }, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
  });

  it('writes JSON in production, even to a terminal', () => {
    expect(logFormat({ NODE_ENV: 'production' }, true)).toBe('json');
  });

  it('does what LOG_FORMAT says when it is set', () => {
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false)).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'loud' }, false)).toBe('json');
  });
});
