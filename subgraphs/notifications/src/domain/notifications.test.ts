import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { createLogger, type Viewer } from '@sbor/core';
import { notifications as notificationsResolver } from '../resolvers/Query/notifications.js';
import { pageQuery } from './cursor.js';
import { inMemoryNotificationsRepositories } from './in-memory.js';
import { NotificationCache } from './notification-cache.js';
import { Notifications } from './notifications.js';

const person = (): Viewer => ({ userId: randomUUID(), role: 'USER', tokenId: randomUUID() });
const firstPage = pageQuery({ first: 20 });

let repositories: ReturnType<typeof inMemoryNotificationsRepositories>;
let notifications: Notifications;

beforeEach(() => {
  repositories = inMemoryNotificationsRepositories();
  const cache = new NotificationCache(createMemoryCache(), createLogger('notifications-spec', 'silent'), 60);
  notifications = new Notifications(repositories.notifications, cache);
});

/** Stores `count` notifications for `owner`, oldest first, and returns their titles in that order. */
async function notify(owner: Viewer, count: number, options: { inApp?: boolean } = {}): Promise<string[]> {
  const titles = Array.from({ length: count }, (_, i) => `Notice ${i + 1} for ${owner.userId.slice(0, 4)}`);
  for (const title of titles) {
    await repositories.notifications.insert([
      { userId: owner.userId, type: 'TICKET_PURCHASED', title, body: 'Body.', sourceFactId: randomUUID(), inApp: options.inApp ?? true },
    ]);
  }
  return titles;
}

const titlesOf = (connection: { edges: { node: { title: string } }[] }) => connection.edges.map((e) => e.node.title);

describe('Query.notifications', () => {
  it("lists the reader's own notifications, newest first, and nobody else's", async () => {
    const [ann, bob] = [person(), person()];
    const annTitles = await notify(ann, 3);
    await notify(bob, 2);

    expect(titlesOf(await notifications.list(ann, firstPage))).toEqual([...annTitles].reverse());
  });

  it('pages with cursors: each page starts right after the last one ended, until there is no next page', async () => {
    const reader = person();
    const titles = (await notify(reader, 5)).reverse();

    const first = await notifications.list(reader, pageQuery({ first: 2 }));
    const second = await notifications.list(reader, pageQuery({ first: 2, after: first.pageInfo.endCursor }));
    const third = await notifications.list(reader, pageQuery({ first: 2, after: second.pageInfo.endCursor }));

    expect([titlesOf(first), titlesOf(second), titlesOf(third)]).toEqual([titles.slice(0, 2), titles.slice(2, 4), titles.slice(4)]);
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage, third.pageInfo.hasNextPage]).toEqual([true, true, false]);
  });

  it('with unreadOnly lists only what is still unread', async () => {
    const reader = person();
    await notify(reader, 2);
    const [newest] = (await notifications.list(reader, firstPage)).edges;
    await notifications.markRead(reader, newest!.node.id);

    const unread = await notifications.list(reader, pageQuery({ unreadOnly: true }));

    expect(unread.edges.map((e) => e.node.read)).toEqual([false]);
  });

  it('leaves out notifications kept only for email and push (in-app off)', async () => {
    const reader = person();
    await notify(reader, 1, { inApp: false });

    expect((await notifications.list(reader, firstPage)).edges).toEqual([]);
    expect(await notifications.unreadCount(reader)).toBe(0);
  });

  it('gives an empty page with no end cursor to someone without notifications', async () => {
    expect(await notifications.list(person(), firstPage)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('Query.notification', () => {
  it("gives the reader their own notification, and someone else's reads as null, like one that does not exist", async () => {
    const [ann, bob] = [person(), person()];
    await notify(ann, 1);
    const [mine] = (await notifications.list(ann, firstPage)).edges;

    expect((await notifications.byId(ann, mine!.node.id))?.title).toBe(mine!.node.title);
    expect(await notifications.byId(bob, mine!.node.id)).toBeNull();
    expect(await notifications.byId(ann, randomUUID())).toBeNull();
    expect(await notifications.byId(ann, 'not-an-id')).toBeNull();
  });
});

describe('Query.unreadCount', () => {
  it("counts the reader's unread notifications and follows every mark, cache or not", async () => {
    const [reader, other] = [person(), person()];
    await notify(reader, 3);
    await notify(other, 4);
    expect(await notifications.unreadCount(reader)).toBe(3);

    const [newest] = (await notifications.list(reader, firstPage)).edges;
    await notifications.markRead(reader, newest!.node.id);
    expect(await notifications.unreadCount(reader)).toBe(2);

    await notifications.markAllRead(reader);
    expect(await notifications.unreadCount(reader)).toBe(0);
    expect(await notifications.unreadCount(other)).toBe(4);
  });
});

describe('Mutation.markNotificationRead', () => {
  it('marks the notification read, and marking it again keeps it read', async () => {
    const reader = person();
    await notify(reader, 1);
    const [edge] = (await notifications.list(reader, firstPage)).edges;

    expect((await notifications.markRead(reader, edge!.node.id)).read).toBe(true);
    expect((await notifications.markRead(reader, edge!.node.id)).read).toBe(true);
    expect(titlesOf(await notifications.list(reader, pageQuery({ unreadOnly: true })))).toEqual([]);
  });

  it("answers NOT_FOUND for someone else's notification and leaves it unread", async () => {
    const [ann, bob] = [person(), person()];
    await notify(ann, 1);
    const [edge] = (await notifications.list(ann, firstPage)).edges;

    await expect(notifications.markRead(bob, edge!.node.id)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(notifications.markRead(bob, 'not-an-id')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await notifications.unreadCount(ann)).toBe(1);
  });
});

describe('Mutation.markAllNotificationsRead', () => {
  it("marks every unread one read and says how many changed; other people's stay unread", async () => {
    const [reader, other] = [person(), person()];
    await notify(reader, 3);
    await notify(other, 1);
    const [newest] = (await notifications.list(reader, firstPage)).edges;
    await notifications.markRead(reader, newest!.node.id);

    expect(await notifications.markAllRead(reader)).toBe(2);
    expect(await notifications.markAllRead(reader)).toBe(0);
    expect(await notifications.unreadCount(other)).toBe(1);
  });
});

describe('Query.notifications resolver', () => {
  const reached = new Error('the domain must not be reached');
  const untouchable = new Proxy({} as Notifications, {
    get: () => {
      throw reached;
    },
  });
  const call = (viewer: Viewer | null, args: Record<string, unknown>) =>
    Promise.resolve()
      .then(() => (notificationsResolver as (...args: unknown[]) => unknown)({}, args, { notifications: untouchable, viewer }, {}))
      .then(
        () => undefined,
        (error: { extensions?: Record<string, unknown> }) => error.extensions,
      );

  it('refuses an anonymous caller before looking at the arguments', async () => {
    expect(await call(null, { first: 500, after: 'forged' })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a bad page size or a forged cursor, naming the argument, before the domain runs', async () => {
    expect(await call(person(), { first: 500 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await call(person(), { first: 20, after: 'forged' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
