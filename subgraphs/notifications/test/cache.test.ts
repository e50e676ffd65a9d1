import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '@sbor/cache';
import { waitFor } from '@sbor/testing';
import { countUnread, listNotifications } from '../src/db/queries/notifications.js';
import { notificationsRepositories } from '../src/db/repositories.js';
import { pageQuery } from '../src/domain/cursor.js';
import { NotificationCache } from '../src/domain/notification-cache.js';
import { Notifications } from '../src/domain/notifications.js';
import { facts, startHarness, testLogger, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const FIRST_PAGE = '{ unreadCount notifications { edges { node { id read title } } pageInfo { hasNextPage } } }';
type FirstPage = { unreadCount: number; notifications: { edges: { node: { id: string; read: boolean; title: string } }[] } };

/** What PostgreSQL says, straight from the tables. */
async function truth(userId: string) {
  const rows = await listNotifications(h.db, userId, { limit: 21, unreadOnly: false });
  return { unreadCount: await countUnread(h.db, userId), ids: rows.map((r) => r.id), read: rows.map((r) => r.readAt !== null) };
}

async function viaApi(token: string) {
  const answer = await h.gql<FirstPage>(FIRST_PAGE, {}, token);
  const edges = answer.data!.notifications.edges;
  return { unreadCount: answer.data!.unreadCount, ids: edges.map((e) => e.node.id), read: edges.map((e) => e.node.read) };
}

describe('unread count and first page cache (real Redis)', () => {
  it('stays equal to the database after new notifications, mark-read and mark-all-read', async () => {
    const userId = randomUUID();
    const token = await h.token(userId);
    await h.publish('order.paid', facts.orderPaid({ buyer_id: userId }));
    await waitFor(async () => (await truth(userId)).unreadCount === 1, 15_000, 'first notification');

    expect(await viaApi(token)).toEqual(await truth(userId));
    expect(await h.redis.get(`notifications:${userId}:unread`)).toBe('1');

    await h.publish('order.paid', facts.orderPaid({ buyer_id: userId }));
    await waitFor(async () => (await truth(userId)).unreadCount === 2, 15_000, 'second notification');
    await waitFor(async () => (await viaApi(token)).unreadCount === 2, 2_000, 'the cache to follow');
    expect(await viaApi(token)).toEqual(await truth(userId));

    const newest = (await truth(userId)).ids[0]!;
    await h.gql('mutation($id: ID!) { markNotificationRead(id: $id) { id read } }', { id: newest }, token);
    expect(await viaApi(token)).toEqual(await truth(userId));
    expect((await viaApi(token)).unreadCount).toBe(1);

    const marked = await h.gql<{ markAllNotificationsRead: number }>('mutation { markAllNotificationsRead }', {}, token);
    expect(marked.data?.markAllNotificationsRead).toBe(1);
    expect(await viaApi(token)).toEqual({ ...(await truth(userId)), unreadCount: 0 });
  });

  it('answers from PostgreSQL when the cache fails', async () => {
    const userId = randomUUID();
    await h.publish('order.paid', facts.orderPaid({ buyer_id: userId }));
    await waitFor(async () => (await truth(userId)).unreadCount === 1, 15_000, 'the notification');
    const broken: Cache = {
      get: async () => {
        throw new Error('redis down');
      },
      set: async () => {
        throw new Error('redis down');
      },
      del: async () => {
        throw new Error('redis down');
      },
      hit: async () => ({ count: 0, ttlSeconds: 0 }),
      publish: async () => {},
      subscribe: async () => async () => {},
      ping: async () => false,
      close: async () => {},
    };
    const service = new Notifications(notificationsRepositories(h.db).notifications, new NotificationCache(broken, testLogger, 60));
    const viewer = { userId, role: 'USER' as const, tokenId: 't' };
    expect(await service.unreadCount(viewer)).toBe(1);
    const page = await service.list(viewer, pageQuery({}));
    expect(page.edges).toHaveLength(1);
    await service.markRead(viewer, page.edges[0]!.node.id);
    expect(await service.unreadCount(viewer)).toBe(0);
  });
});
