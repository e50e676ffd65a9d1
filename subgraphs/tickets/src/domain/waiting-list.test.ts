import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import { offerTerms } from './offers.js';
import type { TicketTypeRow } from './repositories.js';
import { at, order, person, refusal, stockAddsUp, ticketsSpec } from './spec-support.js';
import { WaitingList } from './waiting-list.js';

/** A spec with its waiting list, on offers of 30 minutes. */
function waitingSpec() {
  const spec = ticketsSpec();
  const events: EventsClient = { getEvent: async (id) => spec.events.get(id) ?? null };
  const waitingList = new WaitingList(spec.repositories, events, offerTerms(30));
  return { ...spec, waitingList };
}

/** A type of `quantity` tickets, all held by one buyer's order. */
async function soldOut(spec: ReturnType<typeof waitingSpec>, quantity = 2, type: Partial<TicketTypeRow> = {}) {
  const sale = await spec.onSale(quantity, type);
  const holder = person();
  const held = await spec.ordering.reserve(holder, order(sale.event.id, [{ ticketTypeId: sale.type.id, quantity }]));
  return { ...sale, holder, held };
}

describe('Mutation.joinWaitingList', () => {
  it('puts each user in line for a sold-out type in the order they came', async () => {
    const spec = waitingSpec();
    const { type } = await soldOut(spec);

    const first = await spec.waitingList.join(person(), type.id, 1);
    const second = await spec.waitingList.join(person(), type.id, 2);

    expect(first).toMatchObject({ status: 'WAITING', quantity: 1, position: 1, orderId: null, offerExpiresAt: null });
    expect(second).toMatchObject({ status: 'WAITING', quantity: 2, position: 2 });
  });

  it('refuses while tickets are still on sale, saying how many, with NOT_SOLD_OUT', async () => {
    const spec = waitingSpec();
    const { type } = await spec.onSale(3);

    expect(await refusal(spec.waitingList.join(person(), type.id, 1))).toMatchObject({ code: 'NOT_SOLD_OUT', available: 3 });
    expect(spec.memory.waiting).toEqual([]);
  });

  it('refuses a second entry for the same type while the first is live, naming it, with ALREADY_WAITING', async () => {
    const spec = waitingSpec();
    const { type } = await soldOut(spec);
    const user = person();
    const entry = await spec.waitingList.join(user, type.id, 1);

    expect(await refusal(spec.waitingList.join(user, type.id, 2))).toMatchObject({
      code: 'ALREADY_WAITING',
      entryId: entry.id,
      status: 'WAITING',
    });
  });

  it('lets a user who left join again, at the back of the line', async () => {
    const spec = waitingSpec();
    const { type } = await soldOut(spec);
    const user = person();
    const entry = await spec.waitingList.join(user, type.id, 1);
    await spec.waitingList.join(person(), type.id, 1);
    await spec.waitingList.leave(user, entry.id);

    expect(await spec.waitingList.join(user, type.id, 1)).toMatchObject({ status: 'WAITING', position: 2 });
  });

  it('answers NOT_FOUND for a type that does not exist, a malformed id and a hidden type', async () => {
    const spec = waitingSpec();
    const { type: hidden } = await spec.onSale(1, { hidden: true, sold: 1 });

    for (const id of [randomUUID(), 'not-an-id', hidden.id]) {
      expect(await refusal(spec.waitingList.join(person(), id, 1))).toMatchObject({ code: 'NOT_FOUND', field: 'ticketTypeId' });
    }
  });

  it('refuses a type not on sale: an unpublished or cancelled event, sales not started or ended', async () => {
    const spec = waitingSpec();
    const draft = await spec.onSale(0, {}, { status: 'DRAFT' });
    const cancelled = await spec.onSale(0, {}, { status: 'CANCELLED' });
    const early = await spec.onSale(0, { salesStart: at(2) });
    const late = await spec.onSale(0, { salesEnd: at(-0.5) });

    expect(await refusal(spec.waitingList.join(person(), draft.type.id, 1))).toMatchObject({ code: 'EVENT_NOT_PUBLISHED' });
    expect(await refusal(spec.waitingList.join(person(), cancelled.type.id, 1))).toMatchObject({ code: 'EVENT_CANCELLED' });
    expect(await refusal(spec.waitingList.join(person(), early.type.id, 1))).toMatchObject({ code: 'SALES_NOT_STARTED' });
    expect(await refusal(spec.waitingList.join(person(), late.type.id, 1))).toMatchObject({ code: 'SALES_ENDED' });
  });

  it('refuses a type whose sales were closed by the event’s cancellation with EVENT_CANCELLED', async () => {
    const spec = waitingSpec();
    const { type } = await spec.onSale(1, { salesClosed: true, sold: 1 });

    expect(await refusal(spec.waitingList.join(person(), type.id, 1))).toMatchObject({ code: 'EVENT_CANCELLED' });
  });

  it('refuses more tickets than one person may hold of the type with LIMIT_PER_USER', async () => {
    const spec = waitingSpec();
    const { type } = await soldOut(spec, 2, { maxPerUser: 2 });

    expect(await refusal(spec.waitingList.join(person(), type.id, 3))).toMatchObject({
      code: 'LIMIT_PER_USER',
      maxPerUser: 2,
      field: 'quantity',
    });
  });
});

describe('offers to the waiting list', () => {
  it('offers a freed ticket to the first in line: a hold in their name, and waitinglist.offered', async () => {
    const spec = waitingSpec();
    const { type, holder, held } = await soldOut(spec, 1);
    const first = person();
    const second = person();
    const entry = await spec.waitingList.join(first, type.id, 1);
    await spec.waitingList.join(second, type.id, 1);

    await spec.ordering.cancel(holder, held.id);

    const [offered] = await spec.waitingList.mine(first);
    expect(offered).toMatchObject({ id: entry.id, status: 'OFFERED', position: null });
    const hold = spec.memory.orders.find((o) => o.id === offered!.orderId);
    expect(hold).toMatchObject({ buyerId: first.userId, status: 'RESERVED', totalCents: 2500, expiresAt: offered!.offerExpiresAt });
    expect(await spec.waitingList.mine(second)).toMatchObject([{ status: 'WAITING', position: 1 }]);
    expect(spec.memory.outbox.map((f) => f.topic)).toContain('waitinglist.offered');
    expect(stockAddsUp(spec.memory, type.id)).toBe(true);
  });

  it('passes over an entry the freed tickets do not fit, and keeps its place in line', async () => {
    const spec = waitingSpec();
    const sale = await spec.onSale(2);
    const holders = [person(), person()];
    const holds = await Promise.all(
      holders.map((h) => spec.ordering.reserve(h, order(sale.event.id, [{ ticketTypeId: sale.type.id, quantity: 1 }]))),
    );
    const wantsTwo = person();
    const wantsOne = person();
    await spec.waitingList.join(wantsTwo, sale.type.id, 2);
    await spec.waitingList.join(wantsOne, sale.type.id, 1);

    await spec.ordering.cancel(holders[0]!, holds[0]!.id);

    expect(await spec.waitingList.mine(wantsTwo)).toMatchObject([{ status: 'WAITING', position: 1 }]);
    expect(await spec.waitingList.mine(wantsOne)).toMatchObject([{ status: 'OFFERED' }]);
  });

  it('marks the entry ACCEPTED once the offered hold is paid', async () => {
    const spec = waitingSpec();
    const { type, holder, held } = await soldOut(spec, 1);
    const user = person();
    await spec.waitingList.join(user, type.id, 1);
    await spec.ordering.cancel(holder, held.id);
    const [offered] = await spec.waitingList.mine(user);

    const payment = await spec.checkout.checkout(user, offered!.orderId!, 'SANDBOX');
    await spec.checkout.applyWebhook('SANDBOX', { id: `evt_${randomUUID()}`, kind: 'succeeded', providerRef: payment.providerRef! });

    expect(await spec.waitingList.mine(user)).toMatchObject([{ status: 'ACCEPTED' }]);
    expect(spec.memory.tickets.filter((t) => t.ownerId === user.userId)).toHaveLength(1);
  });
});

describe('Mutation.leaveWaitingList', () => {
  it('takes a waiting user out of line, and the ones behind move up', async () => {
    const spec = waitingSpec();
    const { type } = await soldOut(spec);
    const leaving = person();
    const behind = person();
    const entry = await spec.waitingList.join(leaving, type.id, 1);
    await spec.waitingList.join(behind, type.id, 1);

    expect(await spec.waitingList.leave(leaving, entry.id)).toMatchObject({ id: entry.id, status: 'LEFT', position: null });
    expect(await spec.waitingList.mine(behind)).toMatchObject([{ position: 1 }]);
  });

  it('lets go of an offer: its hold is cancelled and the tickets go to the next in line at once', async () => {
    const spec = waitingSpec();
    const { type, holder, held } = await soldOut(spec, 1);
    const first = person();
    const next = person();
    const entry = await spec.waitingList.join(first, type.id, 1);
    await spec.waitingList.join(next, type.id, 1);
    await spec.ordering.cancel(holder, held.id);
    const offeredOrder = spec.memory.waiting.find((e) => e.id === entry.id)!.orderId;

    expect(await spec.waitingList.leave(first, entry.id)).toMatchObject({ status: 'LEFT' });

    expect(spec.memory.orders.find((o) => o.id === offeredOrder)).toMatchObject({ status: 'CANCELLED' });
    expect(await spec.waitingList.mine(next)).toMatchObject([{ status: 'OFFERED' }]);
    expect(type.held).toBe(1);
    expect(stockAddsUp(spec.memory, type.id)).toBe(true);
  });

  it('refuses an entry that is no longer live with INVALID_TRANSITION', async () => {
    const spec = waitingSpec();
    const { type } = await soldOut(spec);
    const user = person();
    const entry = await spec.waitingList.join(user, type.id, 1);
    await spec.waitingList.leave(user, entry.id);

    expect(await refusal(spec.waitingList.leave(user, entry.id))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'LEFT', to: 'LEFT' });
  });

  it('answers NOT_FOUND for someone else’s entry (the organizer’s included) and leaves it in line', async () => {
    const spec = waitingSpec();
    const { type, organizer } = await soldOut(spec);
    const user = person();
    const entry = await spec.waitingList.join(user, type.id, 1);

    for (const stranger of [person(), organizer]) {
      expect(await refusal(spec.waitingList.leave(stranger, entry.id))).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await refusal(spec.waitingList.leave(user, 'not-an-id'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await spec.waitingList.mine(user)).toMatchObject([{ status: 'WAITING', position: 1 }]);
  });
});

describe('Query.myWaitingList', () => {
  it('lists only the user’s own entries, newest first', async () => {
    const spec = waitingSpec();
    const a = await soldOut(spec);
    const b = await soldOut(spec);
    const user = person();
    await spec.waitingList.join(user, a.type.id, 1);
    await spec.waitingList.join(person(), a.type.id, 1);
    await spec.waitingList.join(user, b.type.id, 2);

    expect((await spec.waitingList.mine(user)).map((e) => e.ticketTypeId)).toEqual([b.type.id, a.type.id]);
    expect(await spec.waitingList.mine(person())).toEqual([]);
  });
});

describe('Event.waitingList', () => {
  it('shows the organizer their event’s line in arrival order, one type’s or all', async () => {
    const spec = waitingSpec();
    const { event, type, organizer } = await soldOut(spec);
    const vip = await spec.anotherType(event, { quantity: 0 });
    const users = [person(), person(), person()];
    await spec.waitingList.join(users[0]!, type.id, 1);
    await spec.waitingList.join(users[1]!, vip.id, 1);
    await spec.waitingList.join(users[2]!, type.id, 1);

    const all = await spec.waitingList.ofEvents(organizer, [event.id]);
    expect(all.map((e) => e.userId)).toEqual(users.map((u) => u.userId));
    const standard = await spec.waitingList.ofEvents(organizer, [event.id], type.id);
    expect(standard.map((e) => [e.userId, e.position])).toEqual([
      [users[0]!.userId, 1],
      [users[2]!.userId, 2],
    ]);
  });

  it('shows nothing to anyone else: another organizer, a user in line, an anonymous reader', async () => {
    const spec = waitingSpec();
    const { event, type } = await soldOut(spec);
    const user = person();
    await spec.waitingList.join(user, type.id, 1);
    const readers: (Viewer | null)[] = [person('ORGANIZER'), user, null];

    for (const reader of readers) expect(await spec.waitingList.ofEvents(reader, [event.id])).toEqual([]);
  });
});
