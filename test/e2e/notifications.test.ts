import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';
import { createLogger } from '@sbor/core';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';
import { loadRouterConfig, startRouter } from '@sbor/router';
import { startTcpProxy, waitFor } from '@sbor/testing';
import { actorsOn, inHours, type Actor } from './support/actors.js';
import { metricOf, subscribe, type Subscriber } from './support/live.js';

const CREATE_TYPE = 'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }';
const PURCHASE = 'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id code } }';
const settle = (ms = 1_500) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(MODES)('live notifications through the router (%s mode)', (mode) => {
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let organizer: Actor;
  const open: Subscriber[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(mode);
    api = actorsOn(platform);
    organizer = await api.signUp('Olga Organizer', true);
  });
  afterAll(async () => {
    for (const subscriber of open) await subscriber.close();
    await platform?.stop();
  });

  async function listening(who: Actor, routerUrl = platform.routerUrl) {
    const subscriber = subscribe(routerUrl, who.token);
    open.push(subscriber);
    await subscriber.ready;
    return subscriber;
  }

  /** The user's notification ids, oldest first, once there are `count` of them. */
  async function listOf(who: Actor, count = 1): Promise<string[]> {
    const read = async () =>
      (await api.ok<{ edges: { node: { id: string } }[] }>('{ notifications(first: 100) { edges { node { id } } } }', {}, who.token)).edges
        .map((e) => e.node.id)
        .reverse();
    return api.eventually(read, (ids) => ids.length >= count);
  }

  async function eventOnSale(title: string) {
    const event = await api.publishedEvent(organizer, title);
    const type = await api.ok<{ id: string }>(
      CREATE_TYPE,
      {
        e: event.id,
        i: { name: 'Standing', priceCents: 0, currency: 'EUR', quantity: 50, salesStart: inHours(-1), salesEnd: inHours(40) },
      },
      organizer.token,
    );
    const buy = (who: Actor, quantity = 1) =>
      api.ok<{ id: string; code: string }[]>(
        PURCHASE,
        { i: { eventId: event.id, ticketTypeId: type.id, quantity, idempotencyKey: randomUUID() } },
        who.token,
      );
    return { ...event, buy };
  }

  it('delivers one ORDER_PAID per purchase to the buyer, with fields of other subgraphs, and to nobody else', async () => {
    const ann = await api.signUp('Ann');
    const bob = await api.signUp('Bob');
    const [annLive, bobLive] = [await listening(ann), await listening(bob)];
    const event = await eventOnSale('Jazz Night');

    const [ticket] = await event.buy(ann);
    const [notice] = await annLive.waitFor(1);
    expect(notice).toMatchObject({
      type: 'ORDER_PAID',
      event: { id: event.id, title: 'Jazz Night' },
      ticket: { code: ticket!.code },
    });
    expect(annLive.errors).toEqual([]);
    await settle(500);
    expect(bobLive.received).toEqual([]);

    const unread = await api.ok<number>('{ unreadCount }', {}, ann.token);
    expect(unread).toBe(1);
    // The whole notification was streamed once: nothing read it back by id.
    expect(await metricOf(platform.subgraphUrls.notifications, 'sbor_graphql_requests_total', { operation: 'notification' })).toBe(0);
  });

  it("carries every subscriber of a router on its one upstream connection, each with its own user's notifications", async () => {
    const people = await Promise.all(['Hal', 'Ida', 'Jo', 'Kim'].map((name) => api.signUp(name)));
    const subscribers = await Promise.all(people.map((who) => listening(who)));
    const notifications = platform.subgraphUrls.notifications;
    expect(await metricOf(notifications, 'sbor_websocket_connections_open')).toBe(1);
    expect(await metricOf(notifications, 'sbor_websocket_subscriptions_open')).toBeGreaterThanOrEqual(people.length);

    const event = await eventOnSale('Many listeners');
    for (const who of people) await event.buy(who);
    for (const subscriber of subscribers) await subscriber.waitFor(1);
    await settle(500);
    for (const [i, subscriber] of subscribers.entries()) {
      expect(subscriber.received.map((n) => n.id)).toEqual(await listOf(people[i]!));
    }
  });

  it('ends the upstream subscription at once when a client socket closes', async () => {
    const notifications = platform.subgraphUrls.notifications;
    const open = () => metricOf(notifications, 'sbor_websocket_subscriptions_open');
    const before = await open();
    const subscriber = await listening(await api.signUp('Lou'));
    await waitFor(async () => (await open()) === before + 1, 5_000, 'the upstream subscription');
    const closedAt = performance.now();
    await subscriber.close();
    await waitFor(async () => (await open()) === before, 5_000, 'the upstream complete');
    expect(performance.now() - closedAt).toBeLessThan(1_000);
  });

  it('resumes after the upstream connection drops: what was created in the gap arrives after it, in order, once, to its owner only', async () => {
    // A router of its own, reaching notifications through a proxy the test can cut.
    const proxy = await startTcpProxy(platform.subgraphUrls.notifications);
    const router = await startRouter({
      ...loadRouterConfig({}),
      port: 0,
      host: '127.0.0.1',
      nodeEnv: 'test',
      logger: createLogger('router', 'silent'),
      routerSecret: platform.routerSecret,
      jwksUrl: new URL('/.well-known/jwks.json', platform.subgraphUrls.users).toString(),
      issuer: DEFAULT_ISSUER,
      audience: DEFAULT_AUDIENCE,
      subgraphUrls: { ...platform.subgraphUrls, notifications: proxy.url },
      webAppDir: false,
    });
    try {
      const [mia, ned] = [await api.signUp('Mia'), await api.signUp('Ned')];
      const [miaLive, nedLive] = [await listening(mia, router.url), await listening(ned, router.url)];
      const event = await eventOnSale('Through the storm');
      await event.buy(mia);
      await miaLive.waitFor(1);

      proxy.partition();
      proxy.cut();
      await event.buy(mia);
      await event.buy(ned);
      await event.buy(mia);
      // Stored while the router could not hear them.
      await api.eventually(
        () => api.ok<number>('{ unreadCount }', {}, mia.token),
        (n) => n === 3,
      );
      await api.eventually(
        () => api.ok<number>('{ unreadCount }', {}, ned.token),
        (n) => n === 1,
      );
      proxy.heal();
      await miaLive.waitFor(3, 20_000);
      await event.buy(mia);

      const [miaList, nedList] = [await listOf(mia, 4), await listOf(ned, 1)];
      await miaLive.waitFor(4, 20_000);
      await nedLive.waitFor(1, 20_000);
      await settle(500);
      expect(miaLive.received.map((n) => n.id)).toEqual(miaList);
      expect(nedLive.received.map((n) => n.id)).toEqual(nedList);
      expect(miaLive.received.every((n) => n.event?.title === 'Through the storm' && n.ticket?.code)).toBe(true);
      expect([...miaLive.errors, ...nedLive.errors]).toEqual([]);
    } finally {
      await router.stop();
      await proxy.close();
    }
  });

  it('tells every holder once that the event was cancelled, and nobody else', async () => {
    const event = await eventOnSale('Open air');
    const [carla, dan, eve] = [await api.signUp('Carla'), await api.signUp('Dan'), await api.signUp('Eve')];
    const [carlaLive, danLive, eveLive] = [await listening(carla), await listening(dan), await listening(eve)];
    await event.buy(carla, 3);
    await event.buy(dan, 1);
    await carlaLive.waitFor(1);
    await danLive.waitFor(1);

    await api.ok('mutation ($id: ID!) { cancelEvent(id: $id, reason: "Storm warning") { id } }', { id: event.id }, organizer.token);
    const cancelled = (s: Subscriber) => s.received.filter((n) => n.type === 'EVENT_CANCELLED');
    await carlaLive.waitFor(2);
    await danLive.waitFor(2);
    await settle();
    expect(cancelled(carlaLive)).toHaveLength(1);
    expect(cancelled(carlaLive)[0]).toMatchObject({ event: { title: 'Open air' } });
    expect(cancelled(danLive)).toHaveLength(1);
    expect(eveLive.received).toEqual([]);
  });

  it('does not deliver a muted type, live or in the list', async () => {
    const fay = await api.signUp('Fay');
    await api.ok('mutation { updateNotificationPreferences(input: { mutedTypes: [ORDER_PAID] }) { mutedTypes } }', {}, fay.token);
    const fayLive = await listening(fay);
    const event = await eventOnSale('Quiet please');
    await event.buy(fay);
    await settle();
    expect(fayLive.received).toEqual([]);
    const list = await api.ok<{ edges: unknown[] }>('{ notifications { edges { node { id } } } }', {}, fay.token);
    expect(list.edges).toEqual([]);
  });

  it('delivers every notification exactly once to subscribers on two router and notifications replicas', async () => {
    const replica = await platform.addReplica();
    const gus = await api.signUp('Gus');
    const [onFirst, onSecond] = [await listening(gus), await listening(gus, replica.routerUrl)];
    const event = await eventOnSale('Twice as nice');
    for (let i = 0; i < 4; i++) await event.buy(gus);
    await onFirst.waitFor(4);
    await onSecond.waitFor(4);
    await settle();
    for (const subscriber of [onFirst, onSecond]) {
      expect(subscriber.received.map((n) => n.type)).toEqual(Array(4).fill('ORDER_PAID'));
      expect(new Set(subscriber.received.map((n) => n.id)).size).toBe(4);
    }
  });
});
