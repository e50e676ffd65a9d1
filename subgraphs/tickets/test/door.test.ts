import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@sbor/db';
import { createEventsClient } from '../src/clients/events.js';
import { doorRepository } from '../src/db/door-repository.js';
import { ticketsRepositories } from '../src/db/repositories.js';
import { doorScans, outbox } from '../src/db/index.js';
import { Door } from '../src/domain/door.js';
import { loadQrKeyRing, newQrKey, type QrKeyRing } from '../src/domain/key-ring.js';
import { qrKeyStore } from '../src/db/signing-keys.js';
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
  doors = database.pools.map((p, i) => new Door(doorRepository(p.db), ticketsRepositories(p.db).tickets, doorKeys[i]!));
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

const factsOf = async (topic: string, ticketId: string) => {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.topic, topic), eq(outbox.key, ticketId)));
  return row!.n;
};
const checkinFacts = (ticketId: string) => factsOf('ticket.checkin', ticketId);
const logOf = (ticketId: string) =>
  db
    .select({ action: doorScans.action, result: doorScans.result, scannedBy: doorScans.scannedBy })
    .from(doorScans)
    .where(eq(doorScans.ticketId, ticketId))
    .orderBy(doorScans.scannedAt, doorScans.id);

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
    const newKid = (await qrKeyStore(db).rotate(newQrKey(), { activationDelayMs: 0, graceMs: 3_600_000 })).kid;
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

describe('door staff (PostgreSQL)', () => {
  async function staffed(quantity = 1) {
    const sale = await boughtTickets(quantity);
    const staff = viewer();
    await doorRepository(db).addStaff({
      eventId: sale.event.id,
      userId: staff.userId,
      organizerId: sale.event.organizerId,
      email: 'door@example.com',
    });
    return { ...sale, staff };
  }

  it('lets staff check in and undo at their event, with one fact and one log row each', async () => {
    const { staff, tickets } = await staffed();
    const ticket = tickets[0]!;
    expect(await doors[0]!.checkIn(staff, ticket.code)).toMatchObject({ status: 'USED', checkedInBy: staff.userId });
    expect(await doors[1]!.undo(staff, ticket.id)).toMatchObject({ status: 'ACTIVE', checkedInAt: null });
    expect(await factsOf('ticket.checkin', ticket.id)).toBe(1);
    expect(await factsOf('ticket.checkin_undone', ticket.id)).toBe(1);
    expect(await logOf(ticket.id)).toEqual([
      { action: 'CHECK_IN', result: 'ADMITTED', scannedBy: staff.userId },
      { action: 'UNDO', result: 'UNDONE', scannedBy: staff.userId },
    ]);
  });

  it('refuses staff at another event as if the ticket did not exist, and logs nothing there', async () => {
    const { staff } = await staffed();
    const other = await boughtTickets(1);
    const ticket = other.tickets[0]!;
    expect(await outcome(doors[0]!.checkIn(staff, ticket.code))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await outcome(doors[0]!.undo(staff, ticket.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await doors[0]!.validate(staff, ticket.qrPayload)).toEqual({ valid: false, reason: 'NOT_FOUND', ticket: null });
    expect(await checkinFacts(ticket.id)).toBe(0);
    expect(await logOf(ticket.id)).toEqual([]);
  });

  it('takes a check-in back exactly once when two undos race', async () => {
    for (let round = 0; round < 5; round++) {
      const { organizer, staff, tickets } = await staffed();
      const ticket = tickets[0]!;
      await doors[0]!.checkIn(organizer, ticket.code);
      const results = await Promise.all([outcome(doors[0]!.undo(staff, ticket.id)), outcome(doors[1]!.undo(organizer, ticket.id))]);
      expect(results.map((r) => r.code).sort()).toEqual(['INVALID_TRANSITION', 'OK']);
      expect(await factsOf('ticket.checkin_undone', ticket.id)).toBe(1);
      expect((await logOf(ticket.id)).map((l) => l.result)).toEqual(['ADMITTED', 'UNDONE', 'NOT_CHECKED_IN']);
    }
  });
});
