import { isUuid, notFound, type Viewer } from '@sbor/core';
import { DEFAULT_PAGE_SIZE, encodeCursor } from './cursor.js';
import { toNotification, type Notification } from './notification.js';
import type { CachedPage, NotificationCache } from './notification-cache.js';
import type { NotificationRepository, PageQuery } from './repositories.js';

export interface NotificationConnection {
  edges: { cursor: string; node: Notification }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

function toConnection(page: CachedPage): NotificationConnection {
  const edges = page.notifications.map((node) => ({ cursor: encodeCursor(node.seq), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** The signed-in user's own notifications: reading, counting, marking read. */
export class Notifications {
  constructor(
    private readonly repository: NotificationRepository,
    private readonly cache: NotificationCache,
  ) {}

  async list(reader: Viewer, page: PageQuery): Promise<NotificationConnection> {
    const { userId } = reader;
    const load = async (): Promise<CachedPage> => {
      const rows = await this.repository.list(userId, { ...page, limit: page.limit + 1 });
      return { notifications: rows.slice(0, page.limit).map(toNotification), hasNextPage: rows.length > page.limit };
    };
    const isFirstPage = page.limit === DEFAULT_PAGE_SIZE && page.afterSeq === undefined && !page.unreadOnly;
    return toConnection(isFirstPage ? await this.cache.firstPage(userId, load) : await load());
  }

  /** Someone else's notification (or a malformed id) is simply not there. */
  async byId(reader: Viewer, id: string): Promise<Notification | null> {
    return (await this.byIds(reader, [id])).get(id) ?? null;
  }

  async byIds(reader: Viewer, ids: readonly string[]): Promise<Map<string, Notification>> {
    const rows = await this.repository.find(reader.userId, ids.filter(isUuid));
    return new Map(rows.map((row) => [row.id, toNotification(row)]));
  }

  /** The reader's notifications inserted after `afterSeq`, oldest first. */
  async after(reader: Viewer, afterSeq: number, limit: number): Promise<Notification[]> {
    return (await this.repository.after(reader.userId, afterSeq, limit)).map(toNotification);
  }

  /** The seq of the reader's newest notification, 0 when there is none. */
  latestSeq(reader: Viewer): Promise<number> {
    return this.repository.latestSeq(reader.userId);
  }

  unreadCount(reader: Viewer): Promise<number> {
    return this.cache.unreadCount(reader.userId, () => this.repository.countUnread(reader.userId));
  }

  async markRead(reader: Viewer, id: string): Promise<Notification> {
    const row = isUuid(id) ? await this.repository.markRead(reader.userId, id) : undefined;
    if (!row) throw notFound('Notification');
    await this.cache.invalidate([reader.userId]);
    return toNotification(row);
  }

  async markAllRead(reader: Viewer): Promise<number> {
    const changed = await this.repository.markAllRead(reader.userId);
    if (changed > 0) await this.cache.invalidate([reader.userId]);
    return changed;
  }
}
