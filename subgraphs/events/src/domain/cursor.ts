/**
 * Page cursors: the (startsAt, id) of the last event on a page, the keyset the listing continues
 * after. Opaque to clients (base64url) so its shape can change; versioned so an old one is
 * recognised as such rather than misread.
 */
import { badInput, isUuid } from '@sbor/core';

export interface CursorPosition {
  startsAt: Date;
  id: string;
}

const VERSION = 'e1';

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${VERSION}|${position.startsAt.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

/** Decodes a cursor from `pageInfo.endCursor`; anything else is BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string): CursorPosition {
  const invalid = () => badInput('after must be a cursor from pageInfo.endCursor.', 'after');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const [version, iso, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (version !== VERSION || !iso || !id || rest.length > 0 || !isUuid(id)) throw invalid();
  const startsAt = new Date(iso);
  if (Number.isNaN(startsAt.getTime()) || startsAt.toISOString() !== iso) throw invalid();
  return { startsAt, id };
}
