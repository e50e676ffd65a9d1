import type { Cache } from '@sbor/cache';
import type { Logger } from '@sbor/core';
import { reviveNotification, type Notification } from './notification.js';

/** The first page as cached: the rows and whether more follow. */
export interface CachedPage {
  notifications: Notification[];
  hasNextPage: boolean;
}

const keys = (userId: string) => ({ unread: `notifications:${userId}:unread`, firstPage: `notifications:${userId}:first-page` });

/**
 * Read-through cache of each user's unread count and first page (the default arguments, which is
 * what a bell icon asks on every load). Every write deletes the user's entries after it commits.
 * The TTL bounds the damage of the rare miss (a delete that failed, or a read that loaded
 * pre-commit data and stored it just after the delete). The cache is optional: any failure
 * falls back to PostgreSQL and is only logged.
 */
export class NotificationCache {
  constructor(
    private readonly cache: Cache,
    private readonly logger: Logger,
    private readonly ttlSeconds: number,
  ) {}

  unreadCount(userId: string, load: () => Promise<number>): Promise<number> {
    return this.readThrough(keys(userId).unread, load, String, Number);
  }

  firstPage(userId: string, load: () => Promise<CachedPage>): Promise<CachedPage> {
    return this.readThrough(keys(userId).firstPage, load, JSON.stringify, (json) => {
      const page = JSON.parse(json) as { notifications: Parameters<typeof reviveNotification>[0][]; hasNextPage: boolean };
      return { hasNextPage: page.hasNextPage, notifications: page.notifications.map(reviveNotification) };
    });
  }

  /** Called after every committed write that touches these users' notifications. */
  async invalidate(userIds: readonly string[]): Promise<void> {
    const all = [...new Set(userIds)].flatMap((id) => Object.values(keys(id)));
    if (all.length === 0) return;
    try {
      await this.cache.del(...all);
    } catch (err) {
      this.logger.warn(
        { err, users: userIds.length },
        `notification cache invalidation failed; entries expire within ${this.ttlSeconds} s`,
      );
    }
  }

  private async readThrough<T>(key: string, load: () => Promise<T>, encode: (v: T) => string, decode: (s: string) => T): Promise<T> {
    try {
      const hit = await this.cache.get(key);
      if (hit !== null) return decode(hit);
    } catch (err) {
      this.logger.warn({ err, key }, 'notification cache read failed; using PostgreSQL');
    }
    const value = await load();
    try {
      await this.cache.set(key, encode(value), this.ttlSeconds);
    } catch (err) {
      this.logger.warn({ err, key }, 'notification cache write failed');
    }
    return value;
  }
}
