import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@sbor/core';
import { decodeCursor, encodeCursor } from './cursor.js';

function badAfter(cursor: string) {
  try {
    decodeCursor(cursor);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).extensions;
  }
  return expect.unreachable(`expected ${cursor} to be refused`);
}

describe('cursor', () => {
  it('round-trips any position', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.uuid(),
        (startsAt, id) => {
          expect(decodeCursor(encodeCursor({ startsAt, id }))).toEqual({ startsAt, id });
        },
      ),
    );
  });

  it('is opaque: URL-safe base64 with no visible date or id', () => {
    const id = randomUUID();
    const cursor = encodeCursor({ startsAt: new Date('2030-05-01T18:00:00Z'), id });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2030');
    expect(cursor).not.toContain(id);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['another version', Buffer.from(`e0|2030-05-01T18:00:00.000Z|${randomUUID()}`).toString('base64url')],
    ['a bad date', Buffer.from(`e1|2030-13-45|${randomUUID()}`).toString('base64url')],
    ['a bad id', Buffer.from('e1|2030-05-01T18:00:00.000Z|1 or 1=1').toString('base64url')],
    ['extra parts', Buffer.from(`e1|2030-05-01T18:00:00.000Z|${randomUUID()}|x`).toString('base64url')],
    ['empty', ''],
  ])('refuses %s with BAD_USER_INPUT on after', (_what, cursor) => {
    expect(badAfter(cursor)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
