import { randomUUID } from 'node:crypto';
import { actorsOn, inHours, PASSWORD, type Actor } from '../../e2e/support/actors.js';

/** The rows and cells of the authorization matrix (authorization.test.ts), and the targets it aims at. */

/**
 * `staff` is a plain user the owner named door staff of the target event; `otherStaff` one the
 * other organizer named for an event of theirs.
 */
export type Who = 'anonymous' | 'user' | 'otherStaff' | 'otherOrganizer' | 'staff' | 'holder' | 'owner';
export type Outcome = 'ok' | 'null' | 'empty' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

export const EVERYONE: Who[] = ['anonymous', 'user', 'otherStaff', 'otherOrganizer', 'staff', 'holder', 'owner'];

export interface Target {
  eventId: string;
  draftId: string;
  ticketTypeId: string;
  ticketId: string;
  ticketCode: string;
  notificationId: string;
  pricedTypeId: string;
  /** The holder's order of a priced ticket, waiting for payment. */
  reservedOrderId: string;
  /** The holder's order of a priced ticket, paid (confirmed offline by the owner). */
  paidOrderId: string;
  /** The holder's ticket ordered for "Ann Attendee", with an answer to the event's question. */
  namedTicketId: string;
  namedTicketCode: string;
  /** The holder's ticket the owner checked in. */
  usedTicketId: string;
  /** A sold-out type the holder waits for (`waitingEntryId`), and another sold-out type nobody waits for. */
  waitingEntryId: string;
  soldOutTypeId: string;
  /** The owner's voucher for the event. */
  voucherId: string;
  /** The door staff user of the event (the `staff` caller). */
  staffId: string;
  /** A category the owner created. */
  categoryId: string;
}

export interface Row {
  op: string;
  query: string;
  variables: (t: Target) => Record<string, unknown>;
  /**
   * A fresh target for operations that use up what they touch (publish, cancel, check-in); 'each'
   * when more than one caller may use it up (the owner and the door staff): a new one after every success.
   */
  fresh?: boolean | 'each';
  /** Sent to the tickets subgraph itself, as the router would (for `_entities`); through the router otherwise. */
  direct?: 'tickets';
  /** For reads: how to tell "ok" from "null"/"empty" in the single root field. */
  read?: (data: unknown, t: Target) => 'ok' | 'null' | 'empty';
  expect: Record<Who, Outcome>;
}

export const firstField = (data: unknown) => Object.values((data ?? {}) as Record<string, unknown>)[0];
export const nullable =
  (pick: (root: unknown) => unknown = (r) => r) =>
  (data: unknown) =>
    pick(firstField(data)) === null ? 'null' : 'ok';
/** A list is 'ok' when it holds the target object (`key` of the target), 'empty' when it does not. */
export const listing =
  (key: keyof Target, pick: (root: unknown) => { id: string }[] = (r) => r as { id: string }[]) =>
  (data: unknown, t: Target) =>
    pick(firstField(data)).some((item) => item.id === t[key]) ? 'ok' : 'empty';

/**
 * `who` get 'ok', the rest what `others` says. Door staff are plain users everywhere but at their
 * event's door: unless a row names them, they get what the plain user gets.
 */
export const allowOnly = (who: Who[], others: Partial<Record<Who, Outcome>>): Record<Who, Outcome> => {
  const outcome = (w: Who): Outcome => (who.includes(w) ? 'ok' : others[w]!);
  const asUser = (w: Who): Outcome => (who.includes(w) || others[w] ? outcome(w) : outcome('user'));
  return Object.fromEntries(EVERYONE.map((w) => [w, w === 'staff' || w === 'otherStaff' ? asUser(w) : outcome(w)])) as Record<Who, Outcome>;
};

// ---------------------------------------------------------------------------------------------
// The objects the matrix aims at, made through the router as users would

/** The name the holder orders a ticket for, and the answer given for her. */
export const ANN = 'Ann Attendee';

type Api = ReturnType<typeof actorsOn>;
export type Staffable = Actor & { email: string };
export type Actors = Record<Exclude<Who, 'anonymous'>, Staffable>;

/** Registers a user whose email the organizers can name as door staff. */
export async function signUpAs(api: Api, displayName: string, asOrganizer = false): Promise<Staffable> {
  const email = `${displayName.toLowerCase().replace(/\W/g, '')}.${randomUUID().slice(0, 8)}@example.com`;
  const session = await api.ok<{ accessToken: string; user: { id: string } }>(
    'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }',
    { i: { email, password: PASSWORD, displayName } },
  );
  if (!asOrganizer) return { id: session.user.id, token: session.accessToken, email };
  const upgraded = await api.ok<{ accessToken: string }>('mutation { becomeOrganizer { accessToken } }', {}, session.accessToken);
  return { id: session.user.id, token: upgraded.accessToken, email };
}

/**
 * An event of `owner` (door staff: `staff`) with a ticket held by `holder` and the notification
 * it produced, a ticket named for Ann with her answer, one checked in, a waiting-list entry of
 * the holder, a voucher, and a category of the owner.
 */
export async function makeTarget(api: Api, actors: Actors): Promise<Target> {
  const createType = (eventId: string, input: Record<string, unknown>) =>
    api.ok<{ id: string }>(
      'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
      { e: eventId, i: { priceCents: 0, currency: 'EUR', quantity: 1000, salesStart: inHours(-1), salesEnd: inHours(40), ...input } },
      actors.owner.token,
    );
  const order = (eventId: string, items: { ticketTypeId: string; quantity: number }[], extra: Record<string, unknown> = {}) =>
    api.ok<{ id: string; tickets: { id: string; code: string }[] }>(
      'mutation ($i: OrderInput!) { reserveTickets(input: $i) { id tickets { id code } } }',
      { i: { eventId, items, idempotencyKey: randomUUID(), ...extra } },
      actors.holder.token,
    );

  const event = await api.publishedEvent(actors.owner, 'Owned', 48);
  const draft = await api.ok<{ id: string }>(
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    { i: { title: 'Owned draft', venue: 'Hall', startsAt: inHours(30), endsAt: inHours(33) } },
    actors.owner.token,
  );
  const category = await api.ok<{ id: string }>(
    'mutation ($n: String!) { createCategory(input: { name: $n }) { id } }',
    { n: `Owned ${randomUUID().slice(0, 8)}` },
    actors.owner.token,
  );
  await api.ok(
    'mutation ($e: ID!, $m: String!) { addDoorStaff(eventId: $e, email: $m) { addedAt } }',
    { e: event.id, m: actors.staff.email },
    actors.owner.token,
  );
  const asked = await api.ok<{ questions: { id: string }[] }>(
    'mutation ($e: ID!) { setQuestions(eventId: $e, questions: [{ label: "Diet", kind: TEXT, required: false }]) { questions { id } } }',
    { e: event.id },
    actors.owner.token,
  );
  const type = await createType(event.id, { name: 'GA' });
  const [waitedFor, soldOut] = [
    await createType(event.id, { name: 'Tiny', quantity: 1 }),
    await createType(event.id, { name: 'Tinier', quantity: 1 }),
  ];
  const [ticket, used] = await api.ok<{ id: string; code: string }[]>(
    'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id code } }',
    { i: { eventId: event.id, ticketTypeId: type.id, quantity: 2, idempotencyKey: randomUUID() } },
    actors.holder.token,
  );
  await api.ok('mutation ($c: String!) { checkInTicket(code: $c) { id } }', { c: used!.code }, actors.owner.token);
  const named = await order(event.id, [{ ticketTypeId: type.id, quantity: 1 }], {
    attendees: [{ ticketTypeId: type.id, name: ANN, answers: [{ questionId: asked.questions[0]!.id, value: 'vegan' }] }],
  });
  await order(event.id, [
    { ticketTypeId: waitedFor.id, quantity: 1 },
    { ticketTypeId: soldOut.id, quantity: 1 },
  ]);
  const entry = await api.ok<{ id: string }>(
    'mutation ($t: ID!) { joinWaitingList(ticketTypeId: $t, quantity: 1) { id } }',
    { t: waitedFor.id },
    actors.holder.token,
  );
  const voucher = await api.ok<{ id: string }>(
    'mutation ($e: ID!, $c: String!) { createVoucher(eventId: $e, input: { code: $c, kind: AMOUNT, value: 100 }) { id } }',
    { e: event.id, c: `OWN${randomUUID().slice(0, 8)}` },
    actors.owner.token,
  );
  const priced = await createType(event.id, { name: 'Seat', priceCents: 1200 });
  const [reserved, paid] = [
    await order(event.id, [{ ticketTypeId: priced.id, quantity: 2 }]),
    await order(event.id, [{ ticketTypeId: priced.id, quantity: 2 }]),
  ];
  await api.ok('mutation ($o: ID!) { markOrderPaid(orderId: $o) { id } }', { o: paid.id }, actors.owner.token);
  return {
    eventId: event.id,
    draftId: draft.id,
    ticketTypeId: type.id,
    ticketId: ticket!.id,
    ticketCode: ticket!.code,
    notificationId: '',
    pricedTypeId: priced.id,
    reservedOrderId: reserved.id,
    paidOrderId: paid.id,
    namedTicketId: named.tickets[0]!.id,
    namedTicketCode: named.tickets[0]!.code,
    usedTicketId: used!.id,
    waitingEntryId: entry.id,
    soldOutTypeId: soldOut.id,
    voucherId: voucher.id,
    staffId: actors.staff.id,
    categoryId: category.id,
  };
}
