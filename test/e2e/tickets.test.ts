import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, type Actor } from './support/actors.js';

const CREATE_TYPE = `mutation ($e: ID!, $i: CreateTicketTypeInput!) {
  createTicketType(eventId: $e, input: $i) { id name priceCents currency quantity sold available }
}`;
const PURCHASE = `mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id code status qrPayload qrCodeSvg event { id title } ticketType { id name } owner { id } } }`;
const VALIDATE = `mutation ($c: String!) { validateTicket(code: $c) { valid reason ticket { id status } } }`;
const CHECK_IN = `mutation ($c: String!) { checkInTicket(code: $c) { id status checkedInAt } }`;
const STATS = `query ($id: ID!) { event(id: $id) { id salesStats { totalSold checkedIn } ticketTypes { id sold available } } }`;

interface Ticket {
  id: string;
  code: string;
  status: string;
  qrPayload: string;
  qrCodeSvg: string;
  event: { id: string; title: string };
}

// purchaseTickets sells free tickets in one call; priced ones go through orders (test/e2e/orders.test.ts).
const typeInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'General admission',
  priceCents: 0,
  currency: 'EUR',
  quantity: 100,
  salesStart: inHours(-1),
  salesEnd: inHours(40),
  ...overrides,
});

describe.each(MODES)('tickets through the router (%s mode)', (mode) => {
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let organizer: Actor;
  let buyer: Actor;

  beforeAll(async () => {
    platform = await startTestPlatform(mode);
    api = actorsOn(platform);
    organizer = await api.signUp('Olga Organizer', true);
    buyer = await api.signUp('Bob Buyer');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const buy = (eventId: string, ticketTypeId: string, quantity: number, who: Actor = buyer, key = randomUUID()) =>
    platform.gql<{ purchaseTickets: Ticket[] }>(
      PURCHASE,
      { i: { eventId, ticketTypeId, quantity, idempotencyKey: key } },
      { token: who.token },
    );

  it('runs the full cycle: publish, sell two, see them, validate, check in once, count it', async () => {
    const event = await api.publishedEvent(organizer, 'Jazz Night');
    const type = await api.ok<{ id: string }>(CREATE_TYPE, { e: event.id, i: typeInput() }, organizer.token);

    const bought = await buy(event.id, type.id, 2);
    expect(bought.errors).toBeUndefined();
    const tickets = bought.data!.purchaseTickets;
    expect(tickets).toHaveLength(2);
    expect(tickets[0]).toMatchObject({ status: 'ACTIVE', event: { id: event.id, title: 'Jazz Night' } });
    expect(tickets[0]!.qrCodeSvg).toMatch(/^<svg/);

    const mine = await api.ok<{ tickets: { id: string; event: { title: string } }[] }>(
      '{ me { tickets { id event { title } } } }',
      {},
      buyer.token,
    );
    expect(mine.tickets.map((t) => t.id).sort()).toEqual(tickets.map((t) => t.id).sort());
    expect(mine.tickets.every((t) => t.event.title === 'Jazz Night')).toBe(true);

    const validation = await api.ok<{ valid: boolean }>(VALIDATE, { c: tickets[0]!.code }, organizer.token);
    expect(validation.valid).toBe(true);
    const checkedIn = await api.ok<{ status: string }>(CHECK_IN, { c: tickets[0]!.qrPayload }, organizer.token);
    expect(checkedIn.status).toBe('USED');
    expect(await api.errorOf(CHECK_IN, { c: tickets[0]!.code }, organizer.token)).toMatchObject({ code: 'TICKET_ALREADY_USED' });
    expect(await api.ok<{ valid: boolean; reason: string }>(VALIDATE, { c: tickets[0]!.code }, organizer.token)).toMatchObject({
      valid: false,
      reason: 'USED',
    });

    const stats = await api.ok<{
      salesStats: { totalSold: number; checkedIn: number };
      ticketTypes: { sold: number; available: number }[];
    }>(STATS, { id: event.id }, organizer.token);
    expect(stats.salesStats).toMatchObject({ totalSold: 2, checkedIn: 1 });
    expect(stats.ticketTypes[0]).toMatchObject({ sold: 2, available: 98 });
    const strangerStats = await api.ok<{ salesStats: unknown }>(STATS, { id: event.id }, buyer.token);
    expect(strangerStats.salesStats).toBeNull();
  });

  it('answers every rejection of the purchase flow with its code', async () => {
    const event = await api.publishedEvent(organizer, 'Rejections');
    const open = await api.ok<{ id: string }>(CREATE_TYPE, { e: event.id, i: typeInput({ quantity: 3 }) }, organizer.token);
    const early = await api.ok<{ id: string }>(
      CREATE_TYPE,
      { e: event.id, i: typeInput({ salesStart: inHours(10), salesEnd: inHours(20) }) },
      organizer.token,
    );
    const late = await api.ok<{ id: string }>(
      CREATE_TYPE,
      { e: event.id, i: typeInput({ salesStart: inHours(-5), salesEnd: inHours(-1) }) },
      organizer.token,
    );
    const draft = await api.ok<{ id: string }>(
      'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
      { i: { title: 'Draft', venue: 'Somewhere', startsAt: inHours(30), endsAt: inHours(33) } },
      organizer.token,
    );
    const draftType = await api.ok<{ id: string }>(CREATE_TYPE, { e: draft.id, i: typeInput({ salesEnd: inHours(25) }) }, organizer.token);
    const code = async (res: Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>) => (await res).errors?.[0]?.extensions;

    expect(
      await code(platform.gql(PURCHASE, { i: { eventId: event.id, ticketTypeId: open.id, quantity: 1, idempotencyKey: 'k' } })),
    ).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await code(buy(event.id, open.id, 0))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await code(buy(event.id, open.id, 11))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await code(buy(draft.id, draftType.id, 1))).toMatchObject({ code: 'EVENT_NOT_PUBLISHED' });
    expect(await code(buy(event.id, early.id, 1))).toMatchObject({ code: 'SALES_NOT_STARTED' });
    expect(await code(buy(event.id, late.id, 1))).toMatchObject({ code: 'SALES_ENDED' });
    expect(await code(buy(event.id, open.id, 4))).toMatchObject({ code: 'SOLD_OUT', available: 3 });
    expect((await buy(event.id, open.id, 3)).errors).toBeUndefined();
    expect(await code(buy(event.id, open.id, 1))).toMatchObject({ code: 'SOLD_OUT', available: 0 });
  });

  it('returns the same tickets for a repeated idempotency key instead of selling twice', async () => {
    const event = await api.publishedEvent(organizer, 'Idempotent');
    const type = await api.ok<{ id: string }>(CREATE_TYPE, { e: event.id, i: typeInput() }, organizer.token);
    const key = randomUUID();
    const [first, second] = await Promise.all([buy(event.id, type.id, 2, buyer, key), buy(event.id, type.id, 2, buyer, key)]);
    expect(first.data!.purchaseTickets.map((t) => t.id).sort()).toEqual(second.data!.purchaseTickets.map((t) => t.id).sort());
    const stats = await api.ok<{ ticketTypes: { sold: number }[] }>(STATS, { id: event.id }, organizer.token);
    expect(stats.ticketTypes[0]!.sold).toBe(2);
  });

  it('lets neither a user nor another organizer check a ticket in', async () => {
    const event = await api.publishedEvent(organizer, 'Door');
    const type = await api.ok<{ id: string }>(CREATE_TYPE, { e: event.id, i: typeInput() }, organizer.token);
    const [ticket] = (await buy(event.id, type.id, 1)).data!.purchaseTickets;
    const rival = await api.signUp('Rival Organizer', true);
    for (const who of [buyer, rival]) {
      const error = await api.errorOf(CHECK_IN, { c: ticket!.code }, who.token);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(error.code);
    }
    expect(
      await api.ok<{ status: string }>(`query ($id: ID!) { ticket(id: $id) { status } }`, { id: ticket!.id }, buyer.token),
    ).toMatchObject({ status: 'ACTIVE' });
  });

  it('cancels the tickets of a cancelled event, and they fail validation', async () => {
    const event = await api.publishedEvent(organizer, 'Rained out');
    const type = await api.ok<{ id: string }>(CREATE_TYPE, { e: event.id, i: typeInput() }, organizer.token);
    const [ticket] = (await buy(event.id, type.id, 1)).data!.purchaseTickets;
    await api.ok('mutation ($id: ID!) { cancelEvent(id: $id, reason: "Storm") { id status } }', { id: event.id }, organizer.token);

    const read = () => api.ok<{ status: string }>(`query ($id: ID!) { ticket(id: $id) { status } }`, { id: ticket!.id }, buyer.token);
    expect(await api.eventually(read, (t) => t.status === 'CANCELLED')).toMatchObject({ status: 'CANCELLED' });
    expect(await api.ok<{ valid: boolean; reason: string }>(VALIDATE, { c: ticket!.code }, organizer.token)).toMatchObject({
      valid: false,
      reason: 'CANCELLED',
    });
    expect(
      await api.errorOf(
        PURCHASE,
        { i: { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: randomUUID() } },
        buyer.token,
      ),
    ).toMatchObject({
      code: 'EVENT_CANCELLED',
    });
    // The event's door finds it on the event's revocation list, through the router.
    const revocations = await api.ok<{ revoked: { code: string }[]; complete: boolean }>(
      'query ($e: ID!) { revokedTickets(eventId: $e) { revoked { code } complete } }',
      { e: event.id },
      organizer.token,
    );
    expect(revocations).toEqual({ revoked: [{ code: ticket!.code }], complete: true });
  });

  it('serves the ticket-signing keys through the router for offline door devices', async () => {
    const res = await fetch(new URL('/tickets/keys', platform.routerUrl));
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: { kid: string; crv: string }[] };
    expect(jwks.keys[0]).toMatchObject({ crv: 'Ed25519' });
  });
});
