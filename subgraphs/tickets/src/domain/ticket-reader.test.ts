import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import type { QrKeyRing } from './key-ring.js';
import { decodeQrPayload } from './qr-payload.js';
import { TicketReader } from './reading.js';
import { memoryKeyRing, order, person, ticketsSpec } from './spec-support.js';

/** A key ring after a rotation: the old key still verifies, and `renewed` re-signs what it signed, as `loadQrKeyRing` does. */
function rotatedFrom(old: QrKeyRing): QrKeyRing {
  const current = memoryKeyRing();
  const kid = current.jwks().keys[0]!.kid;
  return {
    ...current,
    verify: (payload) => (decodeQrPayload(payload)?.kid === kid ? current.verify(payload) : old.verify(payload)),
    renewed: (payload) => {
      const record = decodeQrPayload(payload);
      if (!record || record.kid === kid) return payload;
      const { kid: _kid, seed: _seed, ...rest } = record;
      return current.sign(rest);
    },
  };
}

function readerSpec(keys?: (old: QrKeyRing) => QrKeyRing) {
  const spec = ticketsSpec();
  const reachable = { up: true };
  const events: EventsClient = {
    getEvent: async (id) => {
      if (!reachable.up) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The events service did not answer in time.');
      return spec.events.get(id) ?? null;
    },
  };
  const ring = keys ? keys(spec.keys) : spec.keys;
  return { ...spec, reachable, ring, tickets: new TicketReader(spec.repositories, events, ring) };
}

/** `quantity` tickets of a new event, paid by one buyer through the sandbox. */
async function bought(spec: ReturnType<typeof readerSpec>, quantity = 2) {
  const sale = await spec.onSale(10);
  const buyer = person();
  const placed = await spec.ordering.reserve(buyer, order(sale.event.id, [{ ticketTypeId: sale.type.id, quantity }]));
  const payment = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');
  await spec.checkout.applyWebhook('SANDBOX', { id: `evt_${randomUUID()}`, kind: 'succeeded', providerRef: payment.providerRef! });
  return { ...sale, buyer, placed, tickets: spec.memory.tickets.filter((t) => t.orderId === placed.id) };
}

describe('Query.myTickets and User.tickets', () => {
  it('lists the holder’s own tickets and no one else’s', async () => {
    const spec = readerSpec();
    const { buyer, tickets } = await bought(spec);
    await bought(spec, 1);

    expect((await spec.tickets.mine(buyer)).map((t) => t.id).sort()).toEqual(tickets.map((t) => t.id).sort());
    expect((await spec.tickets.ofUser(buyer, buyer.userId)).map((t) => t.id).sort()).toEqual(tickets.map((t) => t.id).sort());
  });

  it('reads someone else’s list as empty rather than an error, for other users and anonymous readers', async () => {
    const spec = readerSpec();
    const { buyer, organizer } = await bought(spec);

    expect(await spec.tickets.ofUser(person(), buyer.userId)).toEqual([]);
    expect(await spec.tickets.ofUser(organizer, buyer.userId)).toEqual([]);
    expect(await spec.tickets.ofUser(null, buyer.userId)).toEqual([]);
  });
});

describe('Query.ticket (TicketReader.visible)', () => {
  it('shows a ticket to its holder and to its event’s organizer only; the rest are absent', async () => {
    const spec = readerSpec();
    const { buyer, organizer, tickets } = await bought(spec, 1);
    const ids = [tickets[0]!.id, randomUUID(), 'not-an-id'];

    expect([...(await spec.tickets.visible(buyer, ids)).keys()]).toEqual([tickets[0]!.id]);
    expect([...(await spec.tickets.visible(organizer, ids)).keys()]).toEqual([tickets[0]!.id]);
    expect((await spec.tickets.visible(person(), ids)).size).toBe(0);
    expect((await spec.tickets.visible(person('ORGANIZER'), ids)).size).toBe(0);
    expect((await spec.tickets.visible(null, ids)).size).toBe(0);
  });
});

describe('Ticket.qrPayload', () => {
  it('gives the stored payload while its key signs', async () => {
    const spec = readerSpec();
    const { tickets } = await bought(spec, 1);
    const stored = tickets[0]!.qrPayload;

    expect(await spec.tickets.qrPayload(tickets[0]!)).toBe(stored);
  });

  it('re-signs a payload of a retired key with the current one, and stores it so the next read agrees', async () => {
    const spec = readerSpec(rotatedFrom);
    const { tickets, event } = await bought(spec, 1);
    const ticket = tickets[0]!;
    const old = ticket.qrPayload;

    const renewed = await spec.tickets.qrPayload({ ...ticket });

    expect(renewed).not.toBe(old);
    expect(decodeQrPayload(renewed)).toMatchObject({ kid: spec.ring.jwks().keys[0]!.kid, ticketId: ticket.id, eventId: event.id });
    expect(spec.ring.verify(renewed)).toMatchObject({ ok: true });
    expect(ticket.qrPayload).toBe(renewed);
    expect(await spec.tickets.qrPayload({ ...ticket })).toBe(renewed);
  });
});

describe('Event.salesStats', () => {
  it('sums the organizer’s sales per type and in all: sold, held, paid, refunded, checked in, revenue per currency', async () => {
    const spec = readerSpec();
    const { event, type, organizer, placed, tickets } = await bought(spec, 3);
    const vip = await spec.anotherType(event, { currency: 'USD' });
    await spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: vip.id, quantity: 2 }]));
    await spec.refunding.refund(organizer, placed.id, { ticketIds: [tickets[0]!.id] });
    tickets[1]!.status = 'USED';

    const stats = (await spec.tickets.salesStatsOf(organizer, [event.id])).get(event.id)!;

    expect(stats.byType.map((t) => [t.ticketType.id, t.sold, t.held, t.paid, t.refunded, t.checkedIn, t.revenueCents])).toEqual([
      [type.id, 2, 0, 2, 1, 1, 5000],
      [vip.id, 0, 2, 0, 0, 0, 0],
    ]);
    expect(stats).toMatchObject({ totalSold: 2, held: 2, paid: 2, refunded: 1, checkedIn: 1, cancelled: 1 });
    expect(stats.revenue).toEqual([
      { currency: 'EUR', amountCents: 5000 },
      { currency: 'USD', amountCents: 0 },
    ]);
  });

  it('is null for anyone but the organizer, and absent for an anonymous reader', async () => {
    const spec = readerSpec();
    const { event, buyer } = await bought(spec);

    expect((await spec.tickets.salesStatsOf(buyer, [event.id])).get(event.id)).toBeNull();
    expect((await spec.tickets.salesStatsOf(person('ORGANIZER'), [event.id])).get(event.id)).toBeNull();
    expect((await spec.tickets.salesStatsOf(null, [event.id])).size).toBe(0);
  });

  it('asks the events service who organizes an event with no ticket types yet, and is null when it cannot answer', async () => {
    const spec = readerSpec();
    const { event: withTypes, organizer } = await bought(spec);
    const bare = { ...withTypes, id: randomUUID() };
    spec.events.set(bare.id, bare);

    expect((await spec.tickets.salesStatsOf(organizer, [bare.id])).get(bare.id)).toEqual({
      byType: [],
      totalSold: 0,
      held: 0,
      paid: 0,
      refunded: 0,
      checkedIn: 0,
      cancelled: 0,
      revenue: [],
    });
    spec.reachable.up = false;
    const stats = await spec.tickets.salesStatsOf(organizer, [bare.id, withTypes.id]);
    expect(stats.get(bare.id)).toBeNull();
    expect(stats.get(withTypes.id)).toMatchObject({ totalSold: 2 });
  });
});
