import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, PASSWORD, type Actor } from '../../e2e/support/actors.js';
import type { FieldFn } from './hostile.js';

/** The shapes of properties.test.ts: what the hostile requests aim at, and how one operation is attacked. */

export type Service = 'users' | 'events' | 'tickets' | 'notifications';

export interface World {
  organizer: Actor;
  user: Actor;
  /** A published event with an on-sale ticket type. */
  eventId: string;
  ticketTypeId: string;
  /** A priced ticket type of the same event. */
  pricedTypeId: string;
  draftId: string;
  /** A published event nobody buys for, that cancelEvent may cancel. */
  cancellableId: string;
  ticketCode: string;
  /** `user`'s ticket of that code. */
  ticketId: string;
  /** A sold-out type of the event, and `user`'s place on its waiting list. */
  soldOutTypeId: string;
  waitingEntryId: string;
  /** The organizer's categories: one to rename, one to delete. */
  categories: { toUpdate: string; toDelete: string };
  refreshToken: string;
  email: string;
  /** `user`'s RESERVED orders of priced tickets: one to check out, one to cancel, one for the organizer to mark paid. */
  orders: { toPay: string; toCancel: string; toMarkPaid: string };
  /** `user`'s PAID order of priced tickets, with its tickets, for the organizer to refund. */
  paid: { orderId: string; ticketIds: string[] };
}

export interface MutationSpec {
  name: string;
  service: Service;
  query: string;
  /** Built twice: with `f = field` (any field may be hostile) and `f = validOnly` (all valid). */
  variables: (w: World, f: FieldFn) => fc.Arbitrary<Record<string, unknown>>;
  /** Who calls it; a function for specs that vary the token too. */
  token: (w: World) => fc.Arbitrary<string | undefined>;
}

export const as = (who: 'organizer' | 'user' | 'none') => (w: World) => fc.constant(who === 'none' ? undefined : w[who].token);
export const junkToken = (w: World) =>
  fc.oneof(
    fc.constant(w.user.token),
    fc.constant(undefined),
    fc.string({ maxLength: 40 }).filter((s) => /^\S+$/.test(s)),
    fc.constant(`${w.user.token}x`),
  );

export const title = fc.string({ minLength: 1, maxLength: 40 });
export const future = (h: number) => fc.integer({ min: h, max: h + 100 }).map(inHours);

/** What the hostile requests aim at, made through the router as users would. */
export async function buildWorld(platform: TestPlatform): Promise<World> {
  const api = actorsOn(platform);
  const organizer = await api.signUp('Hostile Organizer', true);
  const email = `hostile.${randomUUID().slice(0, 8)}@example.com`;
  const session = await api.ok<{ accessToken: string; refreshToken: string; user: { id: string } }>(
    'mutation ($i: RegisterInput!) { register(input: $i) { accessToken refreshToken user { id } } }',
    { i: { email, password: PASSWORD, displayName: 'Hostile User' } },
  );
  const user = { id: session.user.id, token: session.accessToken };
  const event = await api.publishedEvent(organizer, 'Target', 48);
  const cancellable = await api.publishedEvent(organizer, 'Cancellable', 72);
  const draft = await api.ok<{ id: string }>(
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    { i: { title: 'Draft', venue: 'Hall', startsAt: inHours(30), endsAt: inHours(33) } },
    organizer.token,
  );
  const type = await api.ok<{ id: string }>(
    'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
    { e: event.id, i: { name: 'GA', priceCents: 0, currency: 'EUR', quantity: 10_000, salesStart: inHours(-1), salesEnd: inHours(40) } },
    organizer.token,
  );
  const [ticket] = await api.ok<{ id: string; code: string }[]>(
    'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id code } }',
    { i: { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: randomUUID() } },
    user.token,
  );
  const priced = await api.ok<{ id: string }>(
    'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
    {
      e: event.id,
      i: { name: 'Seat', priceCents: 1500, currency: 'EUR', quantity: 10_000, salesStart: inHours(-1), salesEnd: inHours(40) },
    },
    organizer.token,
  );
  const soldOut = await api.ok<{ id: string }>(
    'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
    { e: event.id, i: { name: 'Last one', priceCents: 0, currency: 'EUR', quantity: 1, salesStart: inHours(-1), salesEnd: inHours(40) } },
    organizer.token,
  );
  await api.ok(
    'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }',
    { i: { eventId: event.id, ticketTypeId: soldOut.id, quantity: 1, idempotencyKey: randomUUID() } },
    organizer.token,
  );
  const entry = await api.ok<{ id: string }>(
    'mutation ($t: ID!) { joinWaitingList(ticketTypeId: $t, quantity: 1) { id } }',
    { t: soldOut.id },
    user.token,
  );
  const category = () =>
    api.ok<{ id: string }>(
      'mutation ($n: String!) { createCategory(input: { name: $n }) { id } }',
      { n: `Hostile ${randomUUID().slice(0, 8)}` },
      organizer.token,
    );
  const reserve = (quantity: number) =>
    api.ok<{ id: string }>(
      'mutation ($i: OrderInput!) { reserveTickets(input: $i) { id } }',
      { i: { eventId: event.id, items: [{ ticketTypeId: priced.id, quantity }], idempotencyKey: randomUUID() } },
      user.token,
    );
  const [toPay, toCancel, toMarkPaid, toRefund] = [await reserve(1), await reserve(2), await reserve(1), await reserve(4)];
  const paid = await api.ok<{ tickets: { id: string }[] }>(
    'mutation ($o: ID!) { markOrderPaid(orderId: $o) { tickets { id } } }',
    { o: toRefund.id },
    organizer.token,
  );
  return {
    organizer,
    user,
    eventId: event.id,
    ticketTypeId: type.id,
    pricedTypeId: priced.id,
    orders: { toPay: toPay.id, toCancel: toCancel.id, toMarkPaid: toMarkPaid.id },
    paid: { orderId: toRefund.id, ticketIds: paid.tickets.map((t) => t.id) },
    draftId: draft.id,
    cancellableId: cancellable.id,
    ticketCode: ticket!.code,
    ticketId: ticket!.id,
    soldOutTypeId: soldOut.id,
    waitingEntryId: entry.id,
    categories: { toUpdate: (await category()).id, toDelete: (await category()).id },
    refreshToken: session.refreshToken,
    email,
  };
}
