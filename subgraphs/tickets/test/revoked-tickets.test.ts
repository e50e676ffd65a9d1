/**
 * An event's revocation list over the tickets API: what a door device downloads to refuse cancelled
 * tickets offline. Only the event's organizer and its door staff read it; to anyone else the event
 * does not exist, so nobody learns how many tickets a cancelled or refunded event had sold.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTicketsService, type TicketsService } from './door-harness.js';

let service: TicketsService;
beforeAll(async () => {
  service = await startTicketsService('tickets_revoked');
});
afterAll(async () => {
  await service?.stop();
});

const REVOKED = `query($e: ID!, $after: String) { revokedTickets(eventId: $e, after: $after) { revoked { ticketId code } cursor complete } }`;
const RESERVE = `mutation($input: OrderInput!) { reserveTickets(input: $input) { id tickets { id code } } }`;
const REFUND = `mutation($o: ID!, $t: [ID!]) { refundOrder(orderId: $o, ticketIds: $t) { id status } }`;
const ADD_STAFF = `mutation($e: ID!, $email: String!) { addDoorStaff(eventId: $e, email: $email) { addedAt } }`;
const REMOVE_STAFF = `mutation($e: ID!, $u: ID!) { removeDoorStaff(eventId: $e, userId: $u) }`;

type Caller = { userId: string; role?: 'ORGANIZER' | 'USER' };
type Page = { revoked: { ticketId: string; code: string }[]; cursor: string | null; complete: boolean };

async function ok(query: string, variables: Record<string, unknown>, as?: Caller) {
  const answer = await service.gql(query, variables, as);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!;
}
const refusal = async (query: string, variables: Record<string, unknown>, as?: Caller) =>
  (await service.gql(query, variables, as)).errors?.[0]?.extensions;
const revokedAs = async (as: Caller, eventId: string, after?: string | null): Promise<Page> =>
  (await ok(REVOKED, { e: eventId, after }, as)).revokedTickets;

/** An event on sale, one paid (free) order of `count` tickets, and a door staff member. */
async function eventWithOrder(count: number) {
  const { eventId, organizer, typeId } = await service.eventOnSale();
  const order = (
    await ok(
      RESERVE,
      { input: { eventId, items: [{ ticketTypeId: typeId, quantity: count }], idempotencyKey: randomUUID() } },
      { userId: randomUUID() },
    )
  ).reserveTickets as { id: string; tickets: { id: string; code: string }[] };
  const email = `door-${randomUUID().slice(0, 8)}@example.com`;
  const staff = { userId: service.users.add(email).id };
  await ok(ADD_STAFF, { e: eventId, email }, organizer);
  const refund = (ticketIds: string[]) => ok(REFUND, { o: order.id, t: ticketIds }, organizer);
  return { eventId, organizer, staff, tickets: order.tickets, refund };
}

const asRevoked = (tickets: { id: string; code: string }[]) => tickets.map((t) => ({ ticketId: t.id, code: t.code }));
const sortedById = (list: { ticketId: string; code: string }[]) => [...list].sort((a, b) => a.ticketId.localeCompare(b.ticketId));

describe('Query.revokedTickets', () => {
  it('lists the event’s cancelled tickets, by id and code, to its organizer and its door staff, and nothing of other events', async () => {
    const event = await eventWithOrder(3);
    const other = await eventWithOrder(1);
    await other.refund([other.tickets[0]!.id]);
    expect(await revokedAs(event.organizer, event.eventId)).toEqual({ revoked: [], cursor: null, complete: true });

    await event.refund([event.tickets[0]!.id, event.tickets[1]!.id]);
    const expected = sortedById(asRevoked(event.tickets.slice(0, 2)));
    for (const reader of [event.organizer, event.staff]) {
      const page = await revokedAs(reader, event.eventId);
      expect(sortedById(page.revoked)).toEqual(expected);
      expect(page).toMatchObject({ complete: true, cursor: expect.any(String) });
    }
  });

  it('from a previous cursor, answers only what was cancelled since, and the same cursor while nothing was', async () => {
    const event = await eventWithOrder(3);
    await event.refund([event.tickets[0]!.id]);
    const first = await revokedAs(event.staff, event.eventId);
    expect(first.revoked).toEqual(asRevoked(event.tickets.slice(0, 1)));

    expect(await revokedAs(event.staff, event.eventId, first.cursor)).toEqual({ revoked: [], cursor: first.cursor, complete: true });
    await event.refund([event.tickets[2]!.id]);
    const since = await revokedAs(event.staff, event.eventId, first.cursor);
    expect(since.revoked).toEqual(asRevoked(event.tickets.slice(2, 3)));
    expect(since.cursor).not.toBe(first.cursor);
  });

  it('answers NOT_FOUND to the organizer and the staff of another event, a stranger and staff who were removed; UNAUTHENTICATED without a token', async () => {
    const event = await eventWithOrder(1);
    const other = await eventWithOrder(1);
    await event.refund([event.tickets[0]!.id]);
    const notFound = { code: 'NOT_FOUND', field: 'eventId' };
    for (const stranger of [other.organizer, other.staff, { userId: randomUUID() }, { userId: randomUUID(), role: 'ORGANIZER' as const }]) {
      expect(await refusal(REVOKED, { e: event.eventId }, stranger)).toMatchObject(notFound);
    }
    expect(await refusal(REVOKED, { e: event.eventId })).toMatchObject({ code: 'UNAUTHENTICATED' });

    await ok(REMOVE_STAFF, { e: event.eventId, u: event.staff.userId }, event.organizer);
    expect(await refusal(REVOKED, { e: event.eventId }, event.staff)).toMatchObject(notFound);
  });

  it('answers an unknown or malformed event id exactly as someone else’s event', async () => {
    const caller = { userId: randomUUID(), role: 'ORGANIZER' as const };
    for (const id of [randomUUID(), 'not-an-id', '']) {
      expect(await refusal(REVOKED, { e: id }, caller)).toMatchObject({ code: 'NOT_FOUND', field: 'eventId' });
    }
  });

  it('refuses an `after` that is not a cursor of the list with BAD_USER_INPUT', async () => {
    const event = await eventWithOrder(1);
    const bad = ['nonsense', `123_${randomUUID()}_x`, `_${randomUUID()}`, '1234567890123456789_' + randomUUID(), `12_not-a-uuid`];
    for (const after of bad) {
      expect(await refusal(REVOKED, { e: event.eventId, after }, event.staff), after).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    }
  });
});
