import { describe, expect, it } from 'vitest';
import type { Viewer } from '@sbor/core';
import type { DirectoryUser, UsersClient } from '../clients/users.js';
import { addDoorStaff } from '../resolvers/Mutation/addDoorStaff.js';
import { newTicketCode } from './codes.js';
import { Door } from './door.js';
import { DoorStaffing } from './door-staff.js';
import { inMemoryDoorRepository } from './in-memory-door.js';
import { ScanLog } from './scan-log.js';
import { at, order, person, refusal, ticketsSpec } from './spec-support.js';

/** The tickets spec with a door: an event on sale, tickets bought, a users directory to name staff from. */
async function doorSpec() {
  const spec = ticketsSpec();
  const doors = inMemoryDoorRepository(spec.memory);
  const directory = new Map<string, DirectoryUser>();
  const users: UsersClient = {
    byEmail: async (email) => directory.get(email) ?? null,
    displayNames: async (ids) =>
      new Map(ids.flatMap((id) => [...directory.values()].filter((u) => u.id === id).map((u) => [id, u.displayName]))),
  };
  const client = { getEvent: async (id: string) => spec.events.get(id) ?? null };
  const door = new Door(doors, spec.repositories.tickets, spec.keys);
  const staffing = new DoorStaffing(doors, client, users);
  const log = new ScanLog(doors);

  async function eventWithTickets(quantity = 2) {
    const { event, type, organizer } = await spec.onSale(100, { priceCents: 0 });
    const holder = person();
    const placed = await spec.ordering.reserve(holder, order(event.id, [{ ticketTypeId: type.id, quantity }]));
    const tickets = spec.memory.tickets.filter((t) => t.orderId === placed.id);
    return { event, organizer, holder, tickets };
  }

  /** A signed-up user the directory knows by `email`. */
  function account(email: string, role: Viewer['role'] = 'USER'): Viewer {
    const viewer = person(role);
    directory.set(email, { id: viewer.userId, displayName: email.split('@')[0]! });
    return viewer;
  }

  return { spec, doors, door, staffing, log, eventWithTickets, account };
}

describe('DoorStaffing.add (Mutation.addDoorStaff)', () => {
  it('names a user staff of the organizer’s event by email, once however often it is asked', async () => {
    const { staffing, eventWithTickets, account } = await doorSpec();
    const { event, organizer } = await eventWithTickets();
    const ann = account('ann@example.com');

    const first = await staffing.add(organizer, event.id, 'ann@example.com');
    const again = await staffing.add(organizer, event.id, 'ann@example.com');

    expect(first).toMatchObject({ eventId: event.id, userId: ann.userId, organizerId: organizer.userId, email: 'ann@example.com' });
    expect(again.addedAt).toEqual(first.addedAt);
    expect(await staffing.ofEvent(organizer, event.id)).toHaveLength(1);
  });

  it('lower-cases and trims the address, and refuses one that is not an address with BAD_USER_INPUT on email', async () => {
    const { staffing, eventWithTickets, account, spec } = await doorSpec();
    const { event, organizer } = await eventWithTickets();
    account('ann@example.com');
    const context = { doorStaffing: staffing, viewer: organizer } as never;
    const addDoorStaffResolver = addDoorStaff as unknown as (
      parent: unknown,
      args: unknown,
      context: unknown,
    ) => Promise<{ email: string }>;
    // Resolvers here are plain functions that may throw before returning a promise (GraphQL
    // reports both alike); the async wrapper turns either into a rejection for refusal().
    const resolve = async (parent: unknown, args: unknown, ctx: unknown) => addDoorStaffResolver(parent, args, ctx);

    expect(await resolve({}, { eventId: event.id, email: '  Ann@Example.COM ' }, context)).toMatchObject({ email: 'ann@example.com' });
    expect(await refusal(resolve({}, { eventId: event.id, email: 'ann at example' }, context))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
    expect(spec.memory.outbox.filter((f) => f.topic.startsWith('ticket.check'))).toEqual([]);
  });

  it('answers NOT_FOUND on email for an address nobody signed up with', async () => {
    const { staffing, eventWithTickets } = await doorSpec();
    const { event, organizer } = await eventWithTickets();
    expect(await refusal(staffing.add(organizer, event.id, 'nobody@example.com'))).toMatchObject({ code: 'NOT_FOUND', field: 'email' });
  });

  it('answers NOT_FOUND for another organizer’s event, FORBIDDEN for a USER, and names nobody', async () => {
    const { staffing, eventWithTickets, account } = await doorSpec();
    const { event, organizer } = await eventWithTickets();
    account('ann@example.com');

    expect(await refusal(staffing.add(person('ORGANIZER'), event.id, 'ann@example.com'))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'eventId',
    });
    expect(await refusal(staffing.add(person('ORGANIZER'), 'not-an-id', 'ann@example.com'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(staffing.add(person('USER'), event.id, 'ann@example.com'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await staffing.ofEvent(organizer, event.id)).toEqual([]);
  });

  it('refuses the organizer themself, and cancelled or finished events', async () => {
    const { staffing, spec, account } = await doorSpec();
    const { event, organizer } = await spec.onSale(5);
    account('ann@example.com');
    spec.events.set(event.id, { ...event, organizerId: organizer.userId });
    const self = account('boss@example.com', 'ORGANIZER');
    const own = await spec.onSale(5, {}, { organizerId: self.userId });

    expect(await refusal(staffing.add(self, own.event.id, 'boss@example.com'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    spec.events.set(event.id, { ...event, status: 'CANCELLED' });
    expect(await refusal(staffing.add(organizer, event.id, 'ann@example.com'))).toMatchObject({ code: 'EVENT_CANCELLED' });
    spec.events.set(event.id, { ...event, endsAt: at(-1) });
    expect(await refusal(staffing.add(organizer, event.id, 'ann@example.com'))).toMatchObject({ code: 'EVENT_COMPLETED' });
  });
});

describe('DoorStaffing.remove (Mutation.removeDoorStaff)', () => {
  it('takes a staff member off the event: true, then false; they can no longer scan', async () => {
    const { staffing, door, eventWithTickets, account } = await doorSpec();
    const { event, organizer, tickets } = await eventWithTickets();
    const ann = account('ann@example.com');
    await staffing.add(organizer, event.id, 'ann@example.com');

    expect(await staffing.remove(organizer, event.id, ann.userId)).toBe(true);
    expect(await staffing.remove(organizer, event.id, ann.userId)).toBe(false);
    expect(await refusal(door.checkIn(ann, tickets[0]!.code))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers NOT_FOUND for another organizer’s event, and leaves its staff alone', async () => {
    const { staffing, eventWithTickets, account } = await doorSpec();
    const { event, organizer } = await eventWithTickets();
    const ann = account('ann@example.com');
    await staffing.add(organizer, event.id, 'ann@example.com');

    expect(await refusal(staffing.remove(person('ORGANIZER'), event.id, ann.userId))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await staffing.ofEvent(organizer, event.id)).toHaveLength(1);
  });
});

describe('Event.doorStaff', () => {
  it('is the organizer’s list; empty for anyone else, staff included', async () => {
    const { staffing, eventWithTickets, account } = await doorSpec();
    const { event, organizer, holder } = await eventWithTickets();
    const ann = account('ann@example.com');
    await staffing.add(organizer, event.id, 'ann@example.com');

    expect((await staffing.ofEvent(organizer, event.id)).map((s) => s.userId)).toEqual([ann.userId]);
    for (const other of [ann, holder, person('ORGANIZER'), null]) expect(await staffing.ofEvent(other, event.id)).toEqual([]);
  });
});

describe('DoorStaffing.eventsOf (Query.myDoorEvents)', () => {
  it('lists the events the user staffs, most recently named first, drafts left out; nobody else’s and none without a token', async () => {
    const { staffing, eventWithTickets, account, spec } = await doorSpec();
    const first = await eventWithTickets();
    const second = await eventWithTickets();
    const draft = await eventWithTickets();
    const ann = account('ann@example.com');
    for (const { event, organizer } of [first, second, draft]) await staffing.add(organizer, event.id, 'ann@example.com');
    spec.events.get(draft.event.id)!.status = 'DRAFT';

    expect(await staffing.eventsOf(ann)).toEqual([{ id: second.event.id }, { id: first.event.id }]);
    for (const other of [first.organizer, first.holder, null]) expect(await staffing.eventsOf(other)).toEqual([]);
  });
});

describe('Door for staff (validateTicket, checkInTicket, undoCheckIn)', () => {
  it('lets staff validate, check in and undo at their event only; another event’s ticket reads as unknown', async () => {
    const { staffing, door, eventWithTickets, account, spec } = await doorSpec();
    const mine = await eventWithTickets();
    const theirs = await eventWithTickets();
    const ann = account('ann@example.com');
    await staffing.add(mine.organizer, mine.event.id, 'ann@example.com');
    const [ticket] = mine.tickets;
    const [foreign] = theirs.tickets;

    expect(await door.validate(ann, ticket!.code, mine.event.id)).toMatchObject({ valid: true, ticket: { id: ticket!.id } });
    expect(await door.checkIn(ann, ticket!.qrPayload, mine.event.id)).toMatchObject({ status: 'USED', checkedInBy: ann.userId });
    expect(await door.undo(ann, ticket!.id)).toMatchObject({ status: 'ACTIVE', checkedInAt: null });

    expect(await door.validate(ann, foreign!.code)).toEqual({ valid: false, reason: 'NOT_FOUND', ticket: null });
    expect(await refusal(door.checkIn(ann, foreign!.code))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(door.undo(ann, foreign!.id))).toMatchObject({ code: 'NOT_FOUND', field: 'ticketId' });
    expect(spec.memory.tickets.find((t) => t.id === foreign!.id)!.status).toBe('ACTIVE');
  });

  it('writes ticket.checkin_undone with the undo, keyed by the ticket', async () => {
    const { door, eventWithTickets, spec } = await doorSpec();
    const { organizer, tickets, holder } = await eventWithTickets(1);
    const ticket = tickets[0]!;
    await door.checkIn(organizer, ticket.code);
    await door.undo(organizer, ticket.id);

    const undone = spec.memory.outbox.filter((f) => f.topic === 'ticket.checkin_undone');
    expect(undone.map((f) => f.key)).toEqual([ticket.id]);
    expect(JSON.parse(undone[0]!.payload).data).toMatchObject({
      ticket_id: ticket.id,
      user_id: holder.userId,
      undone_by: organizer.userId,
    });
  });

  it('refuses an undo of a ticket that is not checked in with INVALID_TRANSITION, changing nothing', async () => {
    const { door, eventWithTickets, spec } = await doorSpec();
    const { organizer, tickets } = await eventWithTickets(1);
    expect(await refusal(door.undo(organizer, tickets[0]!.id))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'ACTIVE', to: 'ACTIVE' });
    expect(spec.memory.outbox.filter((f) => f.topic === 'ticket.checkin_undone')).toEqual([]);
  });

  it('refuses undo to anyone but the organizer and the event’s staff', async () => {
    const { door, eventWithTickets } = await doorSpec();
    const { organizer, holder, tickets } = await eventWithTickets(1);
    await door.checkIn(organizer, tickets[0]!.code);
    for (const who of [holder, person('ORGANIZER'), person()]) {
      expect(await refusal(door.undo(who, tickets[0]!.id))).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('Door.revocations (Query.revokedTickets)', () => {
  it('lists the event’s cancelled tickets to its organizer and staff, continues from a cursor, and hides the event from anyone else', async () => {
    const { door, staffing, eventWithTickets, account, spec } = await doorSpec();
    const mine = await eventWithTickets(3);
    const theirs = await eventWithTickets(1);
    const ann = account('ann@example.com');
    await staffing.add(mine.organizer, mine.event.id, 'ann@example.com');
    let clock = Date.now();
    const cancel = (id: string) =>
      Object.assign(
        spec.memory.tickets.find((t) => t.id === id)!,
        { status: 'CANCELLED', cancelledAt: new Date((clock += 1000)) },
      );
    [mine.tickets[0]!, theirs.tickets[0]!].forEach((t) => cancel(t.id));

    const first = await door.revocations(ann, mine.event.id, null);
    expect(first).toEqual({
      revoked: [{ ticketId: mine.tickets[0]!.id, code: mine.tickets[0]!.code }],
      cursor: expect.any(String),
      complete: true,
    });
    expect(await door.revocations(mine.organizer, mine.event.id, undefined)).toEqual(first);
    cancel(mine.tickets[1]!.id);
    const since = await door.revocations(ann, mine.event.id, first.cursor);
    expect(since.revoked.map((r) => r.ticketId)).toEqual([mine.tickets[1]!.id]);

    for (const who of [theirs.organizer, mine.holder, person('ORGANIZER')]) {
      expect(await refusal(door.revocations(who, mine.event.id, null))).toMatchObject({ code: 'NOT_FOUND', field: 'eventId' });
    }
    expect(await refusal(door.revocations(ann, mine.event.id, 'nonsense'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('ScanLog.ofEvent (Event.checkIns)', () => {
  it('logs admissions, refusals and undos with who scanned, newest first, for the organizer only', async () => {
    const { staffing, door, log, eventWithTickets, account } = await doorSpec();
    const { event, organizer, holder, tickets } = await eventWithTickets(2);
    const other = await eventWithTickets(1);
    const ann = account('ann@example.com');
    await staffing.add(organizer, event.id, 'ann@example.com');
    const [first, second] = tickets;

    await door.checkIn(ann, first!.code, event.id); // ADMITTED
    await refusal(door.checkIn(organizer, first!.code, event.id)); // USED
    await door.validate(ann, second!.code, event.id); // valid: not logged
    await door.validate(ann, newTicketCode(), event.id); // NOT_FOUND, no ticket
    await refusal(door.checkIn(organizer, other.tickets[0]!.code, event.id)); // not the organizer's: NOT_FOUND
    await door.undo(organizer, first!.id); // UNDONE
    await refusal(door.undo(ann, second!.id)); // NOT_CHECKED_IN

    const page = await log.ofEvent(organizer, event.id, { first: 20, after: null });
    expect(
      page.edges.map(({ node }) => [node.action, node.result, node.scannedBy === ann.userId ? 'ann' : 'organizer', node.ticketId]),
    ).toEqual([
      ['UNDO', 'NOT_CHECKED_IN', 'ann', second!.id],
      ['UNDO', 'UNDONE', 'organizer', first!.id],
      ['CHECK_IN', 'NOT_FOUND', 'organizer', null],
      ['VALIDATE', 'NOT_FOUND', 'ann', null],
      ['CHECK_IN', 'USED', 'organizer', first!.id],
      ['CHECK_IN', 'ADMITTED', 'ann', first!.id],
    ]);
    for (const who of [ann, holder, other.organizer, null])
      expect((await log.ofEvent(who, event.id, { first: 20, after: null })).edges).toEqual([]);
  });

  it('logs a ticket of the organizer’s other event, scanned at this door, as WRONG_EVENT without naming it', async () => {
    const { spec, door, log } = await doorSpec();
    const organizer = person('ORGANIZER');
    const here = await spec.onSale(5, { priceCents: 0 }, { organizerId: organizer.userId });
    const there = await spec.onSale(5, { priceCents: 0 }, { organizerId: organizer.userId });
    const placed = await spec.ordering.reserve(person(), order(there.event.id, [{ ticketTypeId: there.type.id, quantity: 1 }]));
    const ticket = spec.memory.tickets.find((t) => t.orderId === placed.id)!;

    expect(await refusal(door.checkIn(organizer, ticket.code, here.event.id))).toMatchObject({ reason: 'WRONG_EVENT' });
    const [entry] = (await log.ofEvent(organizer, here.event.id, { first: 5, after: null })).edges;
    expect(entry!.node).toMatchObject({ result: 'WRONG_EVENT', ticketId: null });
    expect((await log.ofEvent(organizer, there.event.id, { first: 5, after: null })).edges).toEqual([]);
  });

  it('writes nothing into an event’s log for someone who does not work its door', async () => {
    const { door, log, eventWithTickets } = await doorSpec();
    const { event, organizer } = await eventWithTickets(1);
    await door.validate(person(), newTicketCode(), event.id);
    await refusal(door.checkIn(person('ORGANIZER'), newTicketCode(), event.id));
    expect((await log.ofEvent(organizer, event.id, { first: 5, after: null })).edges).toEqual([]);
  });

  it('pages with first and after, and refuses a bad page with BAD_USER_INPUT', async () => {
    const { door, log, eventWithTickets } = await doorSpec();
    const { event, organizer, tickets } = await eventWithTickets(3);
    for (const t of tickets) await door.checkIn(organizer, t.code);

    const one = await log.ofEvent(organizer, event.id, { first: 2, after: null });
    const two = await log.ofEvent(organizer, event.id, { first: 2, after: one.pageInfo.endCursor });
    expect(one.pageInfo.hasNextPage).toBe(true);
    expect(two.pageInfo).toMatchObject({ hasNextPage: false });
    expect(new Set([...one.edges, ...two.edges].map((e) => e.node.ticketId))).toEqual(new Set(tickets.map((t) => t.id)));
    expect(await refusal(log.ofEvent(organizer, event.id, { first: 101, after: null }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect(await refusal(log.ofEvent(organizer, event.id, { first: 5, after: 'nope' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
