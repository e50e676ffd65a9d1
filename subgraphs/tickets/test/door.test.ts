import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@sbor/db';
import { createEventsClient } from '../src/clients/events.js';
import { ticketsRepositories } from '../src/db/repositories.js';
import { outbox } from '../src/db/index.js';
import { Door } from '../src/domain/door.js';
import { loadQrKeyRing, rotateQrKey, type QrKeyRing } from '../src/domain/key-ring.js';
import { Ordering } from '../src/domain/ordering.js';
import { TicketTypes } from '../src/domain/ticket-types.js';
import { openTestDatabase, outcome, ROUTER_SECRET, startEventsStub, viewer, type EventsStub, type TestDatabase } from './support.js';

let database: TestDatabase;
let stub: EventsStub;
let db: Db;
let keys: QrKeyRing;
let purchases: Ordering;
let types: TicketTypes;
/** Two scanners on separate connections, each with its replica's key ring. */
let doors: Door[];
let doorKeys: QrKeyRing[];

beforeAll(async () => {
  database = await openTestDatabase('tickets_door', 2, 5);
  db = database.pools[0]!.db;
  stub = await startEventsStub();
  const events = createEventsClient({ baseUrl: stub.url, routerSecret: ROUTER_SECRET, timeoutMs: 3_000 });
  keys = await loadQrKeyRing(db);
  purchases = new Ordering(ticketsRepositories(db), events, keys, { holdMinutes: 10 });
  types = new TicketTypes(ticketsRepositories(db).ticketTypes, events);
  doorKeys = await Promise.all(database.pools.map((p) => loadQrKeyRing(p.db)));
  doors = database.pools.map((p, i) => new Door(ticketsRepositories(p.db).tickets, doorKeys[i]!));
});

afterAll(async () => {
  await stub?.close();
  await database?.close();
});

async function boughtTickets(quantity: number) {
  const event = stub.add();
  const type = await types.create(viewer(event.organizerId), event.id, {
    name: 'Door',
    priceCents: 0,
    currency: 'EUR',
    quantity: 100,
    salesStart: new Date(Date.now() - 60_000),
    salesEnd: event.endsAt,
  });
  const holder = viewer();
  const bought = await purchases.purchase(holder, { eventId: event.id, ticketTypeId: type.id, quantity, idempotencyKey: randomUUID() });
  return { event, organizer: viewer(event.organizerId), holder, tickets: bought };
}

const checkinFacts = async (ticketId: string) => {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.topic, 'ticket.checkin'), eq(outbox.key, ticketId)));
  return row!.n;
};

describe('checkInTicket', () => {
  it('lets exactly one of two racing scanners in, every time', async () => {
    for (let round = 0; round < 10; round++) {
      const { organizer, tickets } = await boughtTickets(1);
      const ticket = tickets[0]!;
      const results = await Promise.all(doors.map((door, i) => outcome(door.checkIn(organizer, i === 0 ? ticket.code : ticket.qrPayload))));
      expect(results.map((r) => r.code).sort()).toEqual(['OK', 'TICKET_ALREADY_USED']);
      expect(await checkinFacts(ticket.id)).toBe(1);
    }
  });

  it('refuses a ticket of another event with reason WRONG_EVENT and leaves it valid', async () => {
    const { organizer, tickets } = await boughtTickets(1);
    expect(await outcome(doors[0]!.checkIn(organizer, tickets[0]!.code, randomUUID()))).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'code', reason: 'WRONG_EVENT' },
    });
    expect(await doors[0]!.validate(organizer, tickets[0]!.code)).toMatchObject({ valid: true });
    expect(await checkinFacts(tickets[0]!.id)).toBe(0);
  });

  it('is refused to anyone but the event’s organizer, as if the ticket did not exist', async () => {
    const { holder, tickets } = await boughtTickets(1);
    expect(await outcome(doors[0]!.checkIn(holder, tickets[0]!.code))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await outcome(doors[0]!.checkIn(viewer(), tickets[0]!.qrPayload))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await doors[0]!.validate(holder, tickets[0]!.code)).toEqual({ valid: false, reason: 'NOT_FOUND', ticket: null });
  });
});

describe('validateTicket', () => {
  it('reports without changing anything, by code or QR payload, and names the reason once used', async () => {
    const { event, organizer, tickets } = await boughtTickets(1);
    const ticket = tickets[0]!;
    expect(await doors[0]!.validate(organizer, ticket.code.toLowerCase())).toMatchObject({
      valid: true,
      reason: null,
      ticket: { id: ticket.id },
    });
    expect(await doors[1]!.validate(organizer, ticket.qrPayload, event.id)).toMatchObject({ valid: true });
    expect(await doors[0]!.validate(organizer, ticket.code, randomUUID())).toMatchObject({ valid: false, reason: 'WRONG_EVENT' });
    expect(await checkinFacts(ticket.id)).toBe(0);
    await doors[0]!.checkIn(organizer, ticket.code);
    expect(await doors[0]!.validate(organizer, ticket.qrPayload)).toMatchObject({
      valid: false,
      reason: 'USED',
      ticket: { status: 'USED' },
    });
  });

  it('calls a payload this service did not sign a bad signature', async () => {
    const { organizer, tickets } = await boughtTickets(1);
    const bytes = Buffer.from(tickets[0]!.qrPayload, 'base64url');
    bytes[30] = bytes[30]! ^ 1;
    expect(await doors[0]!.validate(organizer, bytes.toString('base64url'))).toEqual({
      valid: false,
      reason: 'BAD_SIGNATURE',
      ticket: null,
    });
  });

  it('accepts tickets signed before a key rotation and after it', async () => {
    const before = (await boughtTickets(1)).tickets[0]!;
    const newKid = await rotateQrKey(db);
    await keys.reload();
    await Promise.all(doorKeys.map((k) => k.reload()));
    const afterSale = await boughtTickets(1);
    const after = afterSale.tickets[0]!;
    expect(keys.jwks().keys.map((k) => k.kid)).toContain(newKid);
    expect(keys.verify(after.qrPayload)).toMatchObject({ ok: true, record: { kid: newKid } });
    expect(keys.verify(before.qrPayload)).toMatchObject({ ok: true });
    expect(await doors[0]!.validate(afterSale.organizer, after.qrPayload)).toMatchObject({ valid: true });
  });
});
