/**
 * The waiting list over the tickets API, in both runtime modes: joined only when a type is sold out
 * or fully held; stock that comes back (a hold that expires, an order cancelled or refunded) is
 * offered to the first waiting entry as a hold in its user's name; an offer nobody pays moves on.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@sbor/testing';
import {
  CANCEL,
  type Caller,
  CHECKOUT,
  MARK_PAID,
  MODES,
  organizerOf,
  RESERVE,
  startTicketsService,
  typeOnSale,
  type TicketsService,
} from './organizer-tools-harness.js';

const JOIN = `mutation($t: ID!, $q: Int!) { joinWaitingList(ticketTypeId: $t, quantity: $q) { id quantity position status offerExpiresAt ticketType { id } user { id } } }`;
const LEAVE = `mutation($id: ID!) { leaveWaitingList(id: $id) { id status position } }`;
const MINE = `{ myWaitingList { id status position quantity offerExpiresAt order { id status totalCents expiresAt buyer { id } } } }`;
const LIST = `query($r: [_Any!]!, $t: ID) { _entities(representations: $r) { ... on Event { waitingList(ticketTypeId: $t) { id status position user { id } } } } }`;
const REFUND = `mutation($id: ID!) { refundOrder(orderId: $id) { id status } }`;

interface Entry {
  id: string;
  status: string;
  position: number | null;
  offerExpiresAt: string | null;
  order: { id: string; status: string; totalCents: number; expiresAt: string | null; buyer: { id: string } } | null;
}

describe.each(MODES)('waiting list (%s mode)', (mode) => {
  let service: TicketsService;
  beforeAll(async () => {
    service = await startTicketsService(mode, 'tickets_waiting');
  });
  afterAll(async () => {
    await service?.close();
  });

  const join = (typeId: string, quantity: number, user: string) => service.gql(JOIN, { t: typeId, q: quantity }, user);
  const joined = async (typeId: string, quantity: number, user: string) =>
    (await service.ok(JOIN, { t: typeId, q: quantity }, user)).joinWaitingList;
  const entryOf = async (user: string, id: string): Promise<Entry> =>
    ((await service.ok(MINE, {}, user)).myWaitingList as Entry[]).find((e) => e.id === id)!;
  const reserve = async (eventId: string, typeId: string, quantity: number, buyer: string) =>
    (await service.ok(RESERVE, { input: { eventId, items: [{ ticketTypeId: typeId, quantity }], idempotencyKey: randomUUID() } }, buyer))
      .reserveTickets as { id: string };
  const offered = (user: string, id: string) =>
    waitFor(
      async () => {
        const entry = await entryOf(user, id);
        return entry.status === 'OFFERED' ? entry : undefined;
      },
      10_000,
      'the offer',
    );

  /** A type of `quantity` tickets, all held by one buyer's order. */
  async function soldOut(quantity = 1) {
    const event = service.stub.add();
    const typeId = await typeOnSale(service, event, { quantity, priceCents: 2500 });
    const holder = randomUUID();
    const hold = await reserve(event.id, typeId, quantity, holder);
    return { event, typeId, holder, hold };
  }

  describe('Mutation.joinWaitingList', () => {
    it('refuses anonymous callers, bad quantities, unknown or hidden types, and types still on sale', async () => {
      const event = service.stub.add();
      const onSale = await typeOnSale(service, event, { quantity: 3 });
      const hidden = await typeOnSale(service, event, { quantity: 1, hidden: true });
      const user = randomUUID();

      expect((await service.gql(JOIN, { t: onSale, q: 1 })).errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await join(onSale, 0, user)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
      expect((await join(onSale, 11, user)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
      expect((await join(randomUUID(), 1, user)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect((await join(hidden, 1, user)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect((await join(onSale, 1, user)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_SOLD_OUT', available: 3 });
      expect((await service.ok(MINE, {}, user)).myWaitingList).toEqual([]);
    });

    it('queues users first come first served with honest positions, once per user, seen by the organizer only', async () => {
      const { event, typeId } = await soldOut(1);
      const [first, second] = [randomUUID(), randomUUID()];
      expect(await joined(typeId, 1, first)).toMatchObject({ position: 1, status: 'WAITING', quantity: 1, user: { id: first } });
      const secondEntry = await joined(typeId, 2, second);
      expect(secondEntry).toMatchObject({ position: 2, status: 'WAITING' });
      expect((await join(typeId, 1, first)).errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_WAITING' });

      const list = async (caller?: Caller, t?: string) =>
        (await service.ok(LIST, { r: [{ __typename: 'Event', id: event.id }], t }, caller))._entities[0].waitingList;
      expect(await list(organizerOf(event), typeId)).toMatchObject([
        { status: 'WAITING', position: 1, user: { id: first } },
        { status: 'WAITING', position: 2, user: { id: second } },
      ]);
      expect(await list(organizerOf(event))).toHaveLength(2);
      expect(await list({ userId: randomUUID(), role: 'ORGANIZER' }, typeId)).toEqual([]);
      expect(await list(first, typeId)).toEqual([]);
      expect(await list(undefined, typeId)).toEqual([]);

      expect((await service.gql(MINE)).errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
      const mine = (await service.ok(MINE, {}, second)).myWaitingList as Entry[];
      expect(mine.map((e) => e.id)).toEqual([secondEntry.id]);

      // Leaving moves everyone behind up; leaving twice, or someone else's entry, is refused.
      const firstId = (await service.ok(MINE, {}, first)).myWaitingList[0].id as string;
      expect((await service.ok(LEAVE, { id: firstId }, first)).leaveWaitingList).toMatchObject({ status: 'LEFT', position: null });
      expect((await entryOf(second, secondEntry.id)).position).toBe(1);
      expect((await service.gql(LEAVE, { id: firstId }, first)).errors?.[0]?.extensions).toMatchObject({
        code: 'INVALID_TRANSITION',
        from: 'LEFT',
      });
      expect((await service.gql(LEAVE, { id: secondEntry.id }, first)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('offers', () => {
    it('offers an expired hold’s tickets to the first in line as a hold in their name; unpaid, the offer moves to the next, who pays and is ACCEPTED', async () => {
      const { event, typeId, hold } = await soldOut(1);
      const [first, second] = [randomUUID(), randomUUID()];
      const firstEntry = await joined(typeId, 1, first);
      const secondEntry = await joined(typeId, 1, second);

      await service.expireHold(hold.id);
      const offer = await offered(first, firstEntry.id);
      expect(offer.position).toBeNull();
      expect(new Date(offer.offerExpiresAt!).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
      expect(offer.order).toMatchObject({ status: 'RESERVED', totalCents: 2500, buyer: { id: first }, expiresAt: offer.offerExpiresAt });
      expect(await entryOf(second, secondEntry.id)).toMatchObject({ status: 'WAITING', position: 1, order: null });

      await service.expireHold(offer.order!.id);
      const next = await offered(second, secondEntry.id);
      expect(await entryOf(first, firstEntry.id)).toMatchObject({ status: 'EXPIRED', offerExpiresAt: null, order: { status: 'EXPIRED' } });

      await service.ok(CHECKOUT, { id: next.order!.id, provider: 'OFFLINE' }, second);
      const paid = await service.ok(MARK_PAID, { id: next.order!.id }, organizerOf(event));
      expect(paid.markOrderPaid).toMatchObject({ status: 'PAID', tickets: [{}] });
      expect(await entryOf(second, secondEntry.id)).toMatchObject({ status: 'ACCEPTED', order: { status: 'PAID' } });
    });

    it('offers a cancelled order’s and a refunded order’s tickets, and an offer let go goes to the next in line', async () => {
      const { event, typeId, holder, hold } = await soldOut(1);
      const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
      const firstEntry = await joined(typeId, 1, first);
      const secondEntry = await joined(typeId, 1, second);

      await service.ok(CANCEL, { id: hold.id }, holder);
      const offer = await offered(first, firstEntry.id);

      // Cancelling the offered order lets it go: LEFT, and the tickets go to the next at once.
      expect((await service.ok(CANCEL, { id: offer.order!.id }, first)).cancelOrder).toMatchObject({ status: 'CANCELLED' });
      expect((await entryOf(first, firstEntry.id)).status).toBe('LEFT');
      const next = await offered(second, secondEntry.id);

      await service.ok(CHECKOUT, { id: next.order!.id, provider: 'OFFLINE' }, second);
      await service.ok(MARK_PAID, { id: next.order!.id }, organizerOf(event));
      const thirdEntry = await joined(typeId, 1, third);
      expect(thirdEntry).toMatchObject({ status: 'WAITING', position: 1 });

      await service.ok(REFUND, { id: next.order!.id }, organizerOf(event));
      const refunded = await offered(third, thirdEntry.id);
      expect(refunded.order).toMatchObject({ status: 'RESERVED', buyer: { id: third } });
    });

    it('leaving an offer cancels its hold and offers the tickets to the next in line', async () => {
      const { typeId, holder, hold } = await soldOut(2);
      const [first, second] = [randomUUID(), randomUUID()];
      const firstEntry = await joined(typeId, 2, first);
      const secondEntry = await joined(typeId, 2, second);

      await service.ok(CANCEL, { id: hold.id }, holder);
      const offer = await offered(first, firstEntry.id);
      expect(offer.order).toMatchObject({ totalCents: 5000 });

      expect((await service.ok(LEAVE, { id: firstEntry.id }, first)).leaveWaitingList).toMatchObject({ status: 'LEFT' });
      expect(await entryOf(first, firstEntry.id)).toMatchObject({ status: 'LEFT', order: { status: 'CANCELLED' } });
      const next = await offered(second, secondEntry.id);
      expect(next.order).toMatchObject({ status: 'RESERVED', buyer: { id: second } });
    });
  });
});
