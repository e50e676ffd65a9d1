/**
 * Door staff over the tickets API: the organizer names users for one event by email; they validate
 * (seeing who the ticket is for), check in and undo at that event only, never at another; removed
 * staff are refused; the scan log (Event.checkIns) shows every scan, refused ones too.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTicketsService, type TicketsService } from './door-harness.js';

let service: TicketsService;
beforeAll(async () => {
  service = await startTicketsService('tickets_door_staff');
});
afterAll(async () => {
  await service?.stop();
});

const ADD = `mutation($e: ID!, $email: String!) { addDoorStaff(eventId: $e, email: $email) { user { id } event { id } email addedAt } }`;
const REMOVE = `mutation($e: ID!, $u: ID!) { removeDoorStaff(eventId: $e, userId: $u) }`;
const VALIDATE = `mutation($c: String!, $e: ID) { validateTicket(code: $c, eventId: $e) { valid reason ticket { id attendeeName status } } }`;
const CHECK_IN = `mutation($c: String!, $e: ID) { checkInTicket(code: $c, eventId: $e) { id status checkedInAt } }`;
const UNDO = `mutation($t: ID!) { undoCheckIn(ticketId: $t) { id status checkedInAt } }`;
const RESERVE = `mutation($input: OrderInput!) { reserveTickets(input: $input) { id status tickets { id code status attendeeName } } }`;
const EVENT = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on Event {
  doorStaff { user { id } email }
  checkIns(first: $first, after: $after) { edges { cursor node { action result accepted scannedAt scannedBy { id } ticket { id } } }
    pageInfo { hasNextPage endCursor } } } } }`;

type Caller = { userId: string; role?: 'ORGANIZER' | 'USER' };
const user = (): Caller => ({ userId: randomUUID() });

async function ok(query: string, variables: Record<string, unknown>, as?: Caller) {
  const answer = await service.gql(query, variables, as);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!;
}
async function refusal(query: string, variables: Record<string, unknown>, as?: Caller) {
  const answer = await service.gql(query, variables, as);
  return answer.errors?.[0]?.extensions;
}

/** An event on sale with one free ticket bought for "Ann Attendee". */
async function eventWithTicket() {
  const { eventId, organizer, typeId } = await service.eventOnSale();
  const buyer = user();
  const order = await ok(
    RESERVE,
    {
      input: {
        eventId,
        items: [{ ticketTypeId: typeId, quantity: 1 }],
        attendees: [{ ticketTypeId: typeId, name: 'Ann Attendee' }],
        idempotencyKey: randomUUID(),
      },
    },
    buyer,
  );
  const ticket = order.reserveTickets.tickets[0] as { id: string; code: string };
  return { eventId, organizer, ticket };
}

/** Names a freshly signed-up user staff of the event; their caller identity. */
async function staffOf(eventId: string, organizer: Caller): Promise<Caller> {
  const email = `door-${randomUUID().slice(0, 8)}@example.com`;
  const { id } = service.users.add(email, 'Door Person');
  await ok(ADD, { e: eventId, email }, organizer);
  return { userId: id };
}

const eventAs = async (eventId: string, as?: Caller, page: { first?: number; after?: string } = {}) =>
  (await ok(EVENT, { r: [{ __typename: 'Event', id: eventId }], ...page }, as))._entities[0];

describe('Mutation.addDoorStaff', () => {
  it('names a signed-up user by email, case and spaces ignored, once however often it is asked', async () => {
    const { eventId, organizer } = await service.eventOnSale();
    const staff = service.users.add('bob.door@example.com', 'Bob');
    const added = (await ok(ADD, { e: eventId, email: '  Bob.Door@EXAMPLE.com ' }, organizer)).addDoorStaff;
    expect(added).toMatchObject({ user: { id: staff.id }, event: { id: eventId }, email: 'bob.door@example.com' });
    const again = (await ok(ADD, { e: eventId, email: 'bob.door@example.com' }, organizer)).addDoorStaff;
    expect(again.addedAt).toBe(added.addedAt);
    expect((await eventAs(eventId, organizer)).doorStaff).toEqual([{ user: { id: staff.id }, email: 'bob.door@example.com' }]);
  });

  it('answers NOT_FOUND on email for an address nobody signed up with, BAD_USER_INPUT for one that is not an address', async () => {
    const { eventId, organizer } = await service.eventOnSale();
    expect(await refusal(ADD, { e: eventId, email: 'nobody@example.com' }, organizer)).toMatchObject({ code: 'NOT_FOUND', field: 'email' });
    expect(await refusal(ADD, { e: eventId, email: 'not an address' }, organizer)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
    expect((await eventAs(eventId, organizer)).doorStaff).toEqual([]);
  });

  it('never lets anyone but the organizer name staff: another organizer NOT_FOUND, a USER FORBIDDEN, no token UNAUTHENTICATED', async () => {
    const { eventId, organizer } = await service.eventOnSale();
    service.users.add('eve@example.com');
    expect(await refusal(ADD, { e: eventId, email: 'eve@example.com' }, { userId: randomUUID(), role: 'ORGANIZER' })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'eventId',
    });
    expect(await refusal(ADD, { e: eventId, email: 'eve@example.com' }, user())).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(ADD, { e: eventId, email: 'eve@example.com' })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await eventAs(eventId, organizer)).doorStaff).toEqual([]);
  });
});

describe('Event.doorStaff', () => {
  it('is visible to the organizer only: staff, other users and no token see an empty list', async () => {
    const { eventId, organizer } = await service.eventOnSale();
    const staff = await staffOf(eventId, organizer);
    expect((await eventAs(eventId, organizer)).doorStaff).toEqual([{ user: { id: staff.userId }, email: expect.any(String) }]);
    expect((await eventAs(eventId, staff)).doorStaff).toEqual([]);
    expect((await eventAs(eventId, user())).doorStaff).toEqual([]);
    expect((await eventAs(eventId)).doorStaff).toEqual([]);
  });
});

describe('door staff at the door (validateTicket, checkInTicket, undoCheckIn)', () => {
  it('lets staff validate (seeing the attendee’s name), check in and undo at their event', async () => {
    const { eventId, organizer, ticket } = await eventWithTicket();
    const staff = await staffOf(eventId, organizer);

    const validation = (await ok(VALIDATE, { c: ticket.code, e: eventId }, staff)).validateTicket;
    expect(validation).toEqual({ valid: true, reason: null, ticket: { id: ticket.id, attendeeName: 'Ann Attendee', status: 'ACTIVE' } });

    const checkedIn = (await ok(CHECK_IN, { c: ticket.code, e: eventId }, staff)).checkInTicket;
    expect(checkedIn).toMatchObject({ id: ticket.id, status: 'USED', checkedInAt: expect.any(String) });
    expect(await refusal(CHECK_IN, { c: ticket.code, e: eventId }, staff)).toMatchObject({ code: 'TICKET_ALREADY_USED' });

    expect((await ok(UNDO, { t: ticket.id }, staff)).undoCheckIn).toEqual({ id: ticket.id, status: 'ACTIVE', checkedInAt: null });
    expect(await refusal(UNDO, { t: ticket.id }, staff)).toMatchObject({ code: 'INVALID_TRANSITION', from: 'ACTIVE' });
  });

  it('shows staff the ticket they scan but not the buyer’s order: FORBIDDEN on Ticket.order, never an internal error', async () => {
    const { eventId, organizer, ticket } = await eventWithTicket();
    const staff = await staffOf(eventId, organizer);
    const asked = `mutation($c: String!, $e: ID) { validateTicket(code: $c, eventId: $e) { valid ticket { id order { id } } } }`;
    expect(await refusal(asked, { c: ticket.code, e: eventId }, staff)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await ok(asked, { c: ticket.code, e: eventId }, organizer)).validateTicket).toMatchObject({
      valid: true,
      ticket: { id: ticket.id, order: { id: expect.any(String) } },
    });
  });

  it('never lets staff of another event scan this one: the ticket reads NOT_FOUND and nothing changes', async () => {
    const { eventId, organizer, ticket } = await eventWithTicket();
    const other = await service.eventOnSale();
    const elsewhere = await staffOf(other.eventId, other.organizer);

    expect((await ok(VALIDATE, { c: ticket.code }, elsewhere)).validateTicket).toEqual({ valid: false, reason: 'NOT_FOUND', ticket: null });
    expect(await refusal(CHECK_IN, { c: ticket.code }, elsewhere)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(CHECK_IN, { c: ticket.code, e: eventId }, elsewhere)).toMatchObject({ code: 'NOT_FOUND' });

    // The organizer checks it in; the other event's staff cannot take that back either.
    await ok(CHECK_IN, { c: ticket.code, e: eventId }, organizer);
    expect(await refusal(UNDO, { t: ticket.id }, elsewhere)).toMatchObject({ code: 'NOT_FOUND', field: 'ticketId' });
    expect((await ok(VALIDATE, { c: ticket.code }, organizer)).validateTicket).toMatchObject({ valid: false, reason: 'USED' });
    // Their scans write nothing into this event's log: only the organizer's check-in and refused validation.
    const log = (await eventAs(eventId, organizer)).checkIns.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(log.map((n: Record<string, unknown>) => [n.action, n.result, n.scannedBy])).toEqual([
      ['VALIDATE', 'USED', { id: organizer.userId }],
      ['CHECK_IN', 'ADMITTED', { id: organizer.userId }],
    ]);
  });

  it('refuses staff once the organizer removes them', async () => {
    const { eventId, organizer, ticket } = await eventWithTicket();
    const staff = await staffOf(eventId, organizer);
    expect((await ok(REMOVE, { e: eventId, u: staff.userId }, organizer)).removeDoorStaff).toBe(true);
    expect((await ok(REMOVE, { e: eventId, u: staff.userId }, organizer)).removeDoorStaff).toBe(false);
    expect(await refusal(REMOVE, { e: eventId, u: staff.userId }, { userId: randomUUID(), role: 'ORGANIZER' })).toMatchObject({
      code: 'NOT_FOUND',
    });

    expect((await ok(VALIDATE, { c: ticket.code, e: eventId }, staff)).validateTicket).toEqual({
      valid: false,
      reason: 'NOT_FOUND',
      ticket: null,
    });
    expect(await refusal(CHECK_IN, { c: ticket.code, e: eventId }, staff)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await eventAs(eventId, organizer)).doorStaff).toEqual([]);
    expect((await ok(VALIDATE, { c: ticket.code }, organizer)).validateTicket).toMatchObject({ valid: true });
  });
});

describe('Event.checkIns', () => {
  it('lists admitted and refused scans with who and when, newest first, for the organizer only', async () => {
    const { eventId, organizer, ticket } = await eventWithTicket();
    const staff = await staffOf(eventId, organizer);
    const before = Date.now();
    await ok(CHECK_IN, { c: ticket.code, e: eventId }, staff); // ADMITTED by staff
    await refusal(CHECK_IN, { c: ticket.code, e: eventId }, organizer); // USED, by the organizer
    await ok(VALIDATE, { c: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', e: eventId }, staff); // NOT_FOUND, no ticket named
    await ok(UNDO, { t: ticket.id }, staff); // UNDONE

    const nodes = (await eventAs(eventId, organizer)).checkIns.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(
      nodes.map((n: Record<string, unknown>) => [n.action, n.result, n.accepted, (n.scannedBy as { id: string }).id, n.ticket]),
    ).toEqual([
      ['UNDO', 'UNDONE', true, staff.userId, { id: ticket.id }],
      ['VALIDATE', 'NOT_FOUND', false, staff.userId, null],
      ['CHECK_IN', 'USED', false, organizer.userId, { id: ticket.id }],
      ['CHECK_IN', 'ADMITTED', true, staff.userId, { id: ticket.id }],
    ]);
    for (const node of nodes) expect(new Date(node.scannedAt as string).getTime()).toBeGreaterThanOrEqual(before - 1_000);

    for (const caller of [staff, user(), undefined]) {
      expect((await eventAs(eventId, caller)).checkIns).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    }
  });

  it('pages with first and after, each entry once, and refuses a bad page with BAD_USER_INPUT', async () => {
    const { eventId, organizer, ticket } = await eventWithTicket();
    for (let i = 0; i < 3; i++) {
      await ok(CHECK_IN, { c: ticket.code, e: eventId }, organizer);
      await ok(UNDO, { t: ticket.id }, organizer);
    }
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 3; page++) {
      const { edges, pageInfo } = (await eventAs(eventId, organizer, { first: 2, after })).checkIns;
      expect(edges).toHaveLength(2);
      seen.push(...edges.map((e: { node: { action: string } }) => e.node.action));
      expect(pageInfo.hasNextPage).toBe(page < 2);
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(['UNDO', 'CHECK_IN', 'UNDO', 'CHECK_IN', 'UNDO', 'CHECK_IN']);
    const r = [{ __typename: 'Event', id: eventId }];
    expect(await refusal(EVENT, { r, first: 0 }, organizer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await refusal(EVENT, { r, first: 101 }, organizer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await refusal(EVENT, { r, after: 'not-a-cursor' }, organizer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('Query.myDoorEvents', () => {
  const MINE = `{ myDoorEvents { id } }`;
  const doorEventsOf = async (as?: Caller) => ((await ok(MINE, {}, as)).myDoorEvents as { id: string }[]).map((e) => e.id);

  it('lists the events whose door the user was named to, most recently named first', async () => {
    const first = await service.eventOnSale();
    const second = await service.eventOnSale();
    const email = `door-${randomUUID().slice(0, 8)}@example.com`;
    const staff: Caller = { userId: service.users.add(email, 'Door Person').id };
    await ok(ADD, { e: first.eventId, email }, first.organizer);
    await ok(ADD, { e: second.eventId, email }, second.organizer);

    expect(await doorEventsOf(staff)).toEqual([second.eventId, first.eventId]);

    // Back to draft: only its organizer may read it now, so it drops out of the staff's list.
    service.events.events.get(first.eventId)!.status = 'DRAFT';
    expect(await doorEventsOf(staff)).toEqual([second.eventId]);
  });

  it('never lists an event to anyone else: its organizer, another user, removed staff and no token see none of it', async () => {
    const { eventId, organizer } = await service.eventOnSale();
    const staff = await staffOf(eventId, organizer);
    const removed = await staffOf(eventId, organizer);
    await ok(REMOVE, { e: eventId, u: removed.userId }, organizer);

    expect(await doorEventsOf(staff)).toEqual([eventId]);
    expect(await doorEventsOf(removed)).toEqual([]);
    expect(await doorEventsOf(organizer)).toEqual([]);
    expect(await doorEventsOf(user())).toEqual([]);
    expect(await doorEventsOf()).toEqual([]);
  });
});
