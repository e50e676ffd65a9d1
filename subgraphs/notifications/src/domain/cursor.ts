import { badInput } from '@sbor/core';
import type { PageQuery } from './repositories.js';

/**
 * Opaque page cursors. They wrap the notification's insertion sequence, which is unique and
 * strictly ordered, so "after this one" is exact even when two notifications share a timestamp.
 */
const PREFIX = 'n:';

export function encodeCursor(seq: number): string {
  return Buffer.from(`${PREFIX}${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = cursor.length <= 64 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^n:(\d{1,15})$/.exec(text);
  if (!match) throw badInput('This cursor is not valid. Pass an endCursor from an earlier page.', 'after');
  return Number(match[1]);
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return size;
}

/** What `notifications(first, after, unreadOnly)` asks for; BAD_USER_INPUT names `first` or `after`. */
export function pageQuery(args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null }): PageQuery {
  const limit = pageSize(args.first);
  return { limit, afterSeq: args.after ? decodeCursor(args.after) : undefined, unreadOnly: args.unreadOnly === true };
}
