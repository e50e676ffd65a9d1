import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, type Actor } from './support/actors.js';
import { subscribe, type Subscriber } from './support/live.js';

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
