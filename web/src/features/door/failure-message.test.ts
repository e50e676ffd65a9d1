import { describe, expect, it } from 'vitest';
import type { DoorTranslate } from '@/lib/i18n/door-translate';
import { failureMessage } from './failure-message';

/** Answers the message key, so the test reads which sentence was chosen. */
const t: DoorTranslate = (key) => key;
const api = (code: string, extensions: Record<string, unknown> = {}) => ({
  kind: 'api' as const,
  code,
  extensions: { code, ...extensions },
});

describe('failureMessage (what the door says when a call fails)', () => {
  it('tells a wrong password from a session that ended', () => {
    expect(failureMessage(api('UNAUTHENTICATED', { reason: 'INVALID_CREDENTIALS' }), t)).toBe('door.error.credentials');
    expect(failureMessage(api('UNAUTHENTICATED', { reason: 'SESSION_ENDED' }), t)).toBe('door.error.sessionEnded');
    expect(failureMessage({ kind: 'signed-out' }, t)).toBe('door.error.sessionEnded');
  });

  it('has a sentence for every code, even one it does not know, never the code itself', () => {
    expect(failureMessage(api('FORBIDDEN'), t)).toBe('door.error.forbidden');
    expect(failureMessage(api('RATE_LIMITED', { retryAfterSeconds: 30 }), t)).toBe('door.error.rateLimited');
    expect(failureMessage(api('SOMETHING_NEW'), t)).toBe('door.error.unknown');
    expect(failureMessage({ kind: 'server', status: 502 }, t)).toBe('door.error.server');
  });
});
