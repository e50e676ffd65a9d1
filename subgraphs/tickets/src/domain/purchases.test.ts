import { randomUUID } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@sbor/core';
import type { EventInfo, EventsClient } from '../clients/events.js';
import { purchaseTickets } from '../resolvers/Mutation/purchaseTickets.js';
import { inMemoryTicketsRepositories } from './in-memory.js';
import type { QrKeyRing } from './key-ring.js';
import { Purchases } from './purchases.js';
import { newKeyId, signQrPayload, verifyQrPayload } from './qr-payload.js';
import type { TicketTypeRow } from './repositories.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR);
const buyer = (): Viewer => ({ userId: randomUUID(), role: 'USER', tokenId: randomUUID() });

/** A real Ed25519 key ring in memory, so signed payloads verify as a door would check them. */
function memoryKeyRing(): QrKeyRing {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const kid = newKeyId();
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' };
  return {
    sign: (record) => signQrPayload({ ...record, kid }, privateKey),
    verify: (payload) => verifyQrPayload(payload, [publicJwk as never]),
    jwks: () => ({ keys: [publicJwk as never] }),
    reload: async () => {},
  };
}

let repositories: ReturnType<typeof inMemoryTicketsRepositories>;
let events: Map<string, EventInfo>;
let eventLookups: number;
let committed: number;
let outcomes: string[];
let purchases: Purchases;
let keys: QrKeyRing;

beforeEach(() => {
  repositories = inMemoryTicketsRepositories();
  events = new Map();
  eventLookups = 0;
  committed = 0;
  outcomes = [];
  keys = memoryKeyRing();
  const client: EventsClient = {
    getEvent: async (id) => {
      eventLookups++;
      return events.get(id) ?? null;
    },
  };
  purchases = new Purchases(repositories, client, keys, { committed: () => committed++, outcome: (o) => void outcomes.push(o) });
});

async function onSale(quantity: number, patch: { event?: Partial<EventInfo>; type?: Partial<TicketTypeRow> } = {}) {
  const event: EventInfo = {
    id: randomUUID(),
    organizerId: randomUUID(),
    status: 'PUBLISHED',
    startsAt: at(24),
    endsAt: at(27),
    title: 'Jazz in the park',
    venue: 'Bandstand',
    ...patch.event,
  };
  events.set(event.id, event);
  const type = await repositories.ticketTypes.insert({
    eventId: event.id,
    organizerId: event.organizerId,
    name: 'Standard',
    priceCents: 0,
    currency: 'EUR',
    quantity,
    salesStart: at(-1),
    salesEnd: at(26),
    eventEndsAt: event.endsAt,
  });
  Object.assign(type, patch.type);
  return { event, type };
}

const request = (sale: { event: EventInfo; type: TicketTypeRow }, quantity = 1, idempotencyKey: string = randomUUID()) => ({
  eventId: sale.event.id,
  ticketTypeId: sale.type.id,
  quantity,
  idempotencyKey,
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { extensions?: Record<string, unknown> }) => error.extensions,
  );

describe('Purchases.purchase', () => {
  it('sells the tickets, each with a signed QR payload, and one ticket.purchased fact per ticket', async () => {
    const sale = await onSale(5);
    const who = buyer();

    const tickets = await purchases.purchase(who, request(sale, 2));

    expect(tickets).toHaveLength(2);
    expect(tickets.every((t) => t.ownerId === who.userId && t.status === 'ACTIVE')).toBe(true);
    for (const ticket of tickets) {
      expect(keys.verify(ticket.qrPayload)).toMatchObject({ ok: true, record: { ticketId: ticket.id, eventId: sale.event.id } });
    }
    expect(repositories.memory.outbox.map((f) => [f.topic, f.key])).toEqual(tickets.map((t) => ['ticket.purchased', t.id]));
    expect(sale.type.sold).toBe(2);
    expect(committed).toBe(1);
    expect(outcomes).toEqual(['ok']);
  });

  it('never sells more than the quantity, however many buyers race', async () => {
    const sale = await onSale(10);
    const attempts = await Promise.allSettled(Array.from({ length: 30 }, () => purchases.purchase(buyer(), request(sale, 1))));

    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(10);
    expect(sale.type.sold).toBe(10);
    expect(repositories.memory.tickets).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'SOLD_OUT')).toHaveLength(20);
  });

  it('says how many are left when fewer remain than asked', async () => {
    const sale = await onSale(3);
    await purchases.purchase(buyer(), request(sale, 2));

    expect(await refusal(purchases.purchase(buyer(), request(sale, 2)))).toMatchObject({ code: 'SOLD_OUT', available: 1 });
  });

  it('checks the event before the sales window, and the window before the seats', async () => {
    const draftNotStarted = await onSale(1, { event: { status: 'DRAFT' }, type: { salesStart: at(1) } });
    expect(await refusal(purchases.purchase(buyer(), request(draftNotStarted)))).toMatchObject({ code: 'EVENT_NOT_PUBLISHED' });

    const cancelled = await onSale(1, { event: { status: 'CANCELLED' }, type: { sold: 1 } });
    expect(await refusal(purchases.purchase(buyer(), request(cancelled)))).toMatchObject({ code: 'EVENT_CANCELLED' });

    const ended = await onSale(1, { event: { endsAt: at(-1) } });
    expect(await refusal(purchases.purchase(buyer(), request(ended)))).toMatchObject({ code: 'EVENT_COMPLETED' });

    const soldOutNotStarted = await onSale(1, { type: { salesStart: at(1), sold: 1 } });
    expect(await refusal(purchases.purchase(buyer(), request(soldOutNotStarted)))).toMatchObject({ code: 'SALES_NOT_STARTED' });

    const otherEvent = await onSale(1);
    const stranger = await onSale(1);
    expect(await refusal(purchases.purchase(buyer(), { ...request(otherEvent), ticketTypeId: stranger.type.id }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'ticketTypeId',
    });
    expect(repositories.memory.tickets).toHaveLength(0);
    expect(committed).toBe(0);
  });

  it('answers EVENT_CANCELLED when the cancellation closed sales before the sale statement ran', async () => {
    const sale = await onSale(5);
    repositories.memory.cancelledEvents.add(sale.event.id);

    expect(await refusal(purchases.purchase(buyer(), request(sale)))).toMatchObject({ code: 'EVENT_CANCELLED' });
    expect(sale.type.sold).toBe(0);
  });

  it('answers a repeated idempotency key with the same tickets, whatever is true now', async () => {
    const sale = await onSale(2);
    const who = buyer();
    const first = await purchases.purchase(who, request(sale, 2, 'retry-me'));
    events.set(sale.event.id, { ...sale.event, status: 'CANCELLED' });

    const again = await purchases.purchase(who, request(sale, 2, 'retry-me'));

    expect(again.map((t) => t.id).sort()).toEqual(first.map((t) => t.id).sort());
    expect(sale.type.sold).toBe(2);
    expect(repositories.memory.outbox).toHaveLength(2);
  });

  it('refuses the same key for a different purchase', async () => {
    const sale = await onSale(5);
    const who = buyer();
    await purchases.purchase(who, request(sale, 1, 'one-key'));

    expect(await refusal(purchases.purchase(who, request(sale, 2, 'one-key')))).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
    });
  });

  it('keeps one user’s key apart from another’s', async () => {
    const sale = await onSale(5);
    await purchases.purchase(buyer(), request(sale, 1, 'shared-key'));

    expect(await purchases.purchase(buyer(), request(sale, 1, 'shared-key'))).toHaveLength(1);
    expect(sale.type.sold).toBe(2);
  });
});

describe('Mutation.purchaseTickets', () => {
  const reached = new Error('the domain must not be reached');
  const untouchable = new Proxy({} as Purchases, {
    get: () => {
      throw reached;
    },
  });
  const call = (viewer: Viewer | null, input: unknown) =>
    Promise.resolve()
      .then(() => (purchaseTickets as (...args: unknown[]) => unknown)({}, { input }, { purchases: untouchable, viewer }, {}))
      .then(
        () => undefined,
        (error: { extensions?: Record<string, unknown> }) => error.extensions,
      );

  it('refuses an anonymous caller before looking at the input', async () => {
    expect(await call(null, { quantity: 99 })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses bad input, naming the field, before the domain runs', async () => {
    const input = { eventId: randomUUID(), ticketTypeId: randomUUID(), quantity: 11, idempotencyKey: 'k' };
    expect(await call(buyer(), input)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    expect(eventLookups).toBe(0);
  });
});
