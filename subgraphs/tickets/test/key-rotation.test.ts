import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@sbor/db';
import { createEventsClient } from '../src/clients/events.js';
import { ticketsRepositories } from '../src/db/repositories.js';
import { qrKeyStore } from '../src/db/signing-keys.js';
import { tickets } from '../src/db/tickets.js';
import { loadQrKeyRing, newQrKey, type QrKeyRing } from '../src/domain/key-ring.js';
import { Ordering } from '../src/domain/ordering.js';
import { decodeQrPayload } from '../src/domain/qr-payload.js';
import { TicketReader } from '../src/domain/reading.js';
import { TicketTypes } from '../src/domain/ticket-types.js';
import { openTestDatabase, ROUTER_SECRET, startEventsStub, viewer, type EventsStub, type TestDatabase } from './support.js';

/** Two replicas of the tickets service (a pool and a key ring each) over one database. */
let database: TestDatabase;
let stub: EventsStub;
let db: Db;
let replicas: QrKeyRing[];
let stopWatching: (() => Promise<void>)[] = [];

beforeAll(async () => {
  database = await openTestDatabase('tickets_key_rotation', 2, 4);
  db = database.pools[0]!.db;
  stub = await startEventsStub();
  replicas = await Promise.all(database.pools.map((p) => loadQrKeyRing(p.db)));
});

afterAll(async () => {
  await Promise.all(stopWatching.map((stop) => stop()));
  await stub?.close();
  await database?.close();
});

const kidOf = (payload: string) => decodeQrPayload(payload)!.kid;
const HOUR = 3_600_000;

async function ticketSignedBy(ring: QrKeyRing) {
  const events = createEventsClient({ baseUrl: stub.url, routerSecret: ROUTER_SECRET, timeoutMs: 3_000 });
  const event = stub.add();
  const type = await new TicketTypes(ticketsRepositories(db).ticketTypes, events).create(viewer(event.organizerId), event.id, {
    name: 'Rotation',
    priceCents: 0,
    currency: 'EUR',
    quantity: 10,
    salesStart: new Date(Date.now() - 60_000),
    salesEnd: event.endsAt,
  });
  const ordering = new Ordering(ticketsRepositories(db), events, ring, { holdMinutes: 10 });
  const [ticket] = await ordering.purchase(viewer(), {
    eventId: event.id,
    ticketTypeId: type.id,
    quantity: 1,
    idempotencyKey: randomUUID(),
  });
  return ticket!;
}

const rowOf = async (id: string) => (await db.select().from(tickets).where(eq(tickets.id, id)))[0]!;

describe('QR signing-key rotation', () => {
  it('publishes the next key at once but signs with it only from its activation', async () => {
    const [a] = replicas;
    const signing = kidOf((await ticketSignedBy(a!)).qrPayload);
    const next = await qrKeyStore(db).rotate(newQrKey(), { activationDelayMs: HOUR, graceMs: HOUR });
    await a!.reload();
    expect(a!.jwks().keys.map((k) => k.kid)).toEqual(expect.arrayContaining([signing, next.kid]));
    expect(kidOf((await ticketSignedBy(a!)).qrPayload)).toBe(signing);
    // Undo for the tests below: the pending key is withdrawn.
    await qrKeyStore(db).retire(next.kid, 0, newQrKey);
    await a!.reload();
    expect(a!.jwks().keys.map((k) => k.kid)).not.toContain(next.kid);
  });

  it('reaches a running replica without a restart', async () => {
    const [a, b] = replicas;
    stopWatching.push(b!.watch(100, (error) => expect.fail(String(error))));
    const next = await qrKeyStore(db).rotate(newQrKey(), { activationDelayMs: 0, graceMs: HOUR });
    await vi.waitFor(async () => expect(kidOf((await ticketSignedBy(b!)).qrPayload)).toBe(next.kid), { timeout: 10_000, interval: 200 });
    await a!.reload();
  });

  it('lets a replica verify a code from a key it has not read yet', async () => {
    const [a, b] = replicas;
    await Promise.all(stopWatching.map((stop) => stop()));
    stopWatching = [];
    const next = await qrKeyStore(db).rotate(newQrKey(), { activationDelayMs: 0, graceMs: HOUR });
    await a!.reload();
    const ticket = await ticketSignedBy(a!);
    expect(kidOf(ticket.qrPayload)).toBe(next.kid);
    expect(b!.verify(ticket.qrPayload)).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
    expect(await b!.verifyLearning(ticket.qrPayload)).toMatchObject({ ok: true, record: { ticketId: ticket.id } });
  });

  it('keeps a retired key verifying through its grace, and says until when in the key list', async () => {
    const [a] = replicas;
    const before = await ticketSignedBy(a!);
    await qrKeyStore(db).rotate(newQrKey(), { activationDelayMs: 0, graceMs: 2 * HOUR });
    await a!.reload();
    const retired = a!.jwks().keys.find((k) => k.kid === kidOf(before.qrPayload))!;
    expect(retired.exp! * 1000).toBeGreaterThan(Date.now() + 1.9 * HOUR);
    expect(retired.exp! * 1000).toBeLessThan(Date.now() + 2.1 * HOUR);
    expect(a!.verify(before.qrPayload)).toMatchObject({ ok: true });
  });

  it('refuses codes of a key retired without grace, and gives their holders a code from the current key', async () => {
    const [a] = replicas;
    const ticket = await ticketSignedBy(a!);
    const leaked = kidOf(ticket.qrPayload);
    const retired = await qrKeyStore(db).retire(leaked, 0, newQrKey);
    expect(retired?.kid).toBe(leaked);
    await a!.reload();
    expect(a!.jwks().keys.map((k) => k.kid)).not.toContain(leaked);
    expect(a!.verify(ticket.qrPayload)).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });

    const reader = new TicketReader(
      ticketsRepositories(db),
      createEventsClient({ baseUrl: stub.url, routerSecret: ROUTER_SECRET, timeoutMs: 3_000 }),
      a!,
    );
    const renewed = await reader.qrPayload(await rowOf(ticket.id));
    expect(kidOf(renewed)).not.toBe(leaked);
    expect(a!.verify(renewed)).toMatchObject({ ok: true, record: { ticketId: ticket.id, eventId: ticket.eventId } });
    expect((await rowOf(ticket.id)).qrPayload).toBe(renewed);
    // Read again, it is the same code: renewed once, not on every read.
    expect(await reader.qrPayload(await rowOf(ticket.id))).toBe(renewed);
  });

  it('answers no key for a key id nobody has', async () => {
    expect(await qrKeyStore(db).retire('0000000000000000', 0, newQrKey)).toBeUndefined();
  });
});
