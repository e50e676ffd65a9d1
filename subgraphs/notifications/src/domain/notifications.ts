import { z } from 'zod';
import { notFound, unauthenticated, type Viewer } from '@sbor/core';
import type { Db } from '@sbor/db';
import { countUnread, findNotifications, listNotifications, markAllRead, markRead } from '../db/queries/notifications.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, pageSize } from './cursor.js';
import { toNotification, type Notification } from './notification.js';
import type { CachedPage, NotificationCache } from './notification-cache.js';

export interface NotificationConnection {
  edges: { cursor: string; node: Notification }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface ListArgs {
  first?: number | null;
  after?: string | null;
  unreadOnly?: boolean | null;
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

const isUuid = (id: string) => z.uuid().safeParse(id).success;

function toConnection(page: CachedPage): NotificationConnection {
  const edges = page.notifications.map((node) => ({ cursor: encodeCursor(node.seq), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** The signed-in user's own notifications: reading, counting, marking read. */
export class Notifications {
  constructor(
    private readonly db: Db,
    private readonly cache: NotificationCache,
  ) {}

  async list(viewer: Viewer | null, args: ListArgs): Promise<NotificationConnection> {
    const { userId } = requireViewer(viewer);
    const limit = pageSize(args.first);
    const afterSeq = args.after ? decodeCursor(args.after) : undefined;
    const unreadOnly = args.unreadOnly === true;
    const load = async (): Promise<CachedPage> => {
      const rows = await listNotifications(this.db, userId, { limit: limit + 1, afterSeq, unreadOnly });
      return { notifications: rows.slice(0, limit).map(toNotification), hasNextPage: rows.length > limit };
    };
    const isFirstPage = limit === DEFAULT_PAGE_SIZE && afterSeq === undefined && !unreadOnly;
    return toConnection(isFirstPage ? await this.cache.firstPage(userId, load) : await load());
  }

  /** Someone else's notification (or a malformed id) is simply not there. */
  async byId(viewer: Viewer | null, id: string): Promise<Notification | null> {
    const { userId } = requireViewer(viewer);
    return (await this.byIds(userId, [id])).get(id) ?? null;
  }

  async byIds(userId: string, ids: readonly string[]): Promise<Map<string, Notification>> {
    const rows = await findNotifications(this.db, userId, ids.filter(isUuid));
    return new Map(rows.map((row) => [row.id, toNotification(row)]));
  }

  async unreadCount(viewer: Viewer | null): Promise<number> {
    const { userId } = requireViewer(viewer);
    return this.cache.unreadCount(userId, () => countUnread(this.db, userId));
  }

  async markRead(viewer: Viewer | null, id: string): Promise<Notification> {
    const { userId } = requireViewer(viewer);
    const row = isUuid(id) ? await markRead(this.db, userId, id) : undefined;
    if (!row) throw notFound('Notification');
    await this.cache.invalidate([userId]);
    return toNotification(row);
  }

  async markAllRead(viewer: Viewer | null): Promise<number> {
    const { userId } = requireViewer(viewer);
    const changed = await markAllRead(this.db, userId);
    if (changed > 0) await this.cache.invalidate([userId]);
    return changed;
  }
}
