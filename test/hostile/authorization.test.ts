import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlClient, startTestPlatform, type GraphQLCall, type TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, type Actor } from '../e2e/support/actors.js';
import { assertWellFormed } from './support/hostile.js';
import { allowOnly, firstField, listing, nullable, type Outcome, type Row, type Target, type Who } from './support/matrix.js';

/**
 * Who may do what: every mutation and owner-scoped query × {anonymous, a plain user, another
 * organizer, the owning organizer, the owning user}. Each cell is what that caller gets: 'ok', a
 * code, or 'null'/'empty' for reads that must not reveal someone else's object exists.
 */

// Someone else's event answers NOT_FOUND whatever the caller's role: it reveals nothing.
// A plain user is refused by role (FORBIDDEN) before any lookup, whatever the id: that reveals nothing either.
const ORGANIZER_OWNS = allowOnly(['owner'], {
  anonymous: 'UNAUTHENTICATED',
  user: 'FORBIDDEN',
  holder: 'FORBIDDEN',
  otherOrganizer: 'NOT_FOUND',
});
// Published events are public, so for them "not yours" may say FORBIDDEN; drafts stay NOT_FOUND.
const ORGANIZER_OWNS_PUBLIC = allowOnly(['owner'], {
  anonymous: 'UNAUTHENTICATED',
  user: 'FORBIDDEN',
  holder: 'FORBIDDEN',
  otherOrganizer: 'FORBIDDEN',
});
const ANY_ORGANIZER = allowOnly(['owner', 'otherOrganizer'], { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', holder: 'FORBIDDEN' });
const ANY_SIGNED_IN = allowOnly(['user', 'otherOrganizer', 'owner', 'holder'], { anonymous: 'UNAUTHENTICATED' });
// An order is its buyer's to pay or cancel and its event organizer's to confirm or refund. To
// anyone else, the other party included, it reads like one that does not exist.
const BUYER_OF_ORDER = allowOnly(['holder'], {
  anonymous: 'UNAUTHENTICATED',
  user: 'NOT_FOUND',
  otherOrganizer: 'NOT_FOUND',
  owner: 'NOT_FOUND',
});
const ORGANIZER_OF_ORDER = allowOnly(['owner'], {
  anonymous: 'UNAUTHENTICATED',
  user: 'NOT_FOUND',
  otherOrganizer: 'NOT_FOUND',
  holder: 'NOT_FOUND',
});
const READ_BY_BUYER_AND_ORGANIZER = allowOnly(['holder', 'owner'], { anonymous: 'null', user: 'null', otherOrganizer: 'null' });
const orderNodes = (connection: unknown) => (connection as { edges: { node: { id: string } }[] }).edges.map((e) => e.node);

const MATRIX: Row[] = [
  // users
  {
    op: 'updateProfile',
    query: 'mutation { updateProfile(input: { displayName: "Renamed" }) { id } }',
    variables: () => ({}),
    expect: ANY_SIGNED_IN,
  },
  { op: 'becomeOrganizer', query: 'mutation { becomeOrganizer { accessToken } }', variables: () => ({}), expect: ANY_SIGNED_IN },
  { op: 'me', query: '{ me { id } }', variables: () => ({}), read: nullable(), expect: { ...ANY_SIGNED_IN, anonymous: 'null' } },
  // events
  {
    op: 'createEvent',
    query: 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    variables: () => ({ i: { title: 'Mine', venue: 'Hall', startsAt: inHours(30), endsAt: inHours(31) } }),
    expect: ANY_ORGANIZER,
  },
  {
    op: 'createCategory',
    query: 'mutation ($n: String!) { createCategory(input: { name: $n }) { id } }',
    variables: () => ({ n: `Cat ${randomUUID().slice(0, 8)}` }),
    expect: ANY_ORGANIZER,
  },
  {
    op: 'updateEvent',
    query: 'mutation ($id: ID!) { updateEvent(id: $id, input: { venue: "Moved" }) { id } }',
    variables: (t) => ({ id: t.draftId }),
    expect: ORGANIZER_OWNS,
  },
  {
    op: 'publishEvent',
    query: 'mutation ($id: ID!) { publishEvent(id: $id) { id } }',
    variables: (t) => ({ id: t.draftId }),
    fresh: true,
    expect: ORGANIZER_OWNS,
  },
  {
    op: 'cancelEvent',
    query: 'mutation ($id: ID!) { cancelEvent(id: $id) { id } }',
    variables: (t) => ({ id: t.eventId }),
    fresh: true,
    expect: ORGANIZER_OWNS,
  },
  {
    op: 'setSchedule',
    query:
      'mutation ($id: ID!, $s: DateTime!, $e: DateTime!) { setSchedule(eventId: $id, items: [{ title: "Talk", startsAt: $s, endsAt: $e }]) { id } }',
    variables: (t) => ({ id: t.draftId, s: inHours(30), e: inHours(31) }),
    expect: ORGANIZER_OWNS,
  },
  {
    op: 'event (draft)',
    query: 'query ($id: ID!) { event(id: $id) { id } }',
    variables: (t) => ({ id: t.draftId }),
    read: nullable(),
    expect: allowOnly(['owner'], { anonymous: 'null', user: 'null', holder: 'null', otherOrganizer: 'null' }),
  },
  {
    op: 'myEvents',
    query: '{ myEvents { id } }',
    variables: () => ({}),
    read: listing('eventId'),
    expect: allowOnly(['owner'], { anonymous: 'UNAUTHENTICATED', user: 'FORBIDDEN', holder: 'FORBIDDEN', otherOrganizer: 'empty' }),
  },
  // tickets
  {
    op: 'createTicketType',
    query:
      'mutation ($id: ID!, $s: DateTime!, $e: DateTime!) { createTicketType(eventId: $id, input: { name: "VIP", priceCents: 1, currency: "EUR", quantity: 5, salesStart: $s, salesEnd: $e }) { id } }',
    variables: (t) => ({ id: t.eventId, s: inHours(-1), e: inHours(40) }),
    expect: ORGANIZER_OWNS_PUBLIC,
  },
  {
    op: 'createTicketType (draft)',
    query:
      'mutation ($id: ID!, $s: DateTime!, $e: DateTime!) { createTicketType(eventId: $id, input: { name: "VIP", priceCents: 1, currency: "EUR", quantity: 5, salesStart: $s, salesEnd: $e }) { id } }',
    variables: (t) => ({ id: t.draftId, s: inHours(-1), e: inHours(20) }),
    expect: allowOnly(['owner'], { anonymous: 'UNAUTHENTICATED', user: 'NOT_FOUND', holder: 'NOT_FOUND', otherOrganizer: 'NOT_FOUND' }),
  },
  {
    op: 'purchaseTickets',
    query:
      'mutation ($e: ID!, $t: ID!, $k: String!) { purchaseTickets(input: { eventId: $e, ticketTypeId: $t, quantity: 1, idempotencyKey: $k }) { id } }',
    variables: (t) => ({ e: t.eventId, t: t.ticketTypeId, k: randomUUID() }),
    expect: ANY_SIGNED_IN,
  },
  {
    op: 'validateTicket',
    query: 'mutation ($c: String!) { validateTicket(code: $c) { valid reason } }',
    variables: (t) => ({ c: t.ticketCode }),
    // Anyone but the event's organizer: the ticket reads as unknown (valid false, NOT_FOUND), as if it did not exist.
    read: (data) => ((firstField(data) as { valid: boolean }).valid ? 'ok' : 'null'),
    expect: allowOnly(['owner'], { anonymous: 'UNAUTHENTICATED', user: 'null', holder: 'null', otherOrganizer: 'null' }),
  },
  {
    op: 'checkInTicket',
    query: 'mutation ($c: String!) { checkInTicket(code: $c) { id } }',
    variables: (t) => ({ c: t.ticketCode }),
    fresh: true,
    expect: allowOnly(['owner'], { anonymous: 'UNAUTHENTICATED', user: 'NOT_FOUND', holder: 'NOT_FOUND', otherOrganizer: 'NOT_FOUND' }),
  },
  {
    op: 'ticket',
    query: 'query ($id: ID!) { ticket(id: $id) { id } }',
    variables: (t) => ({ id: t.ticketId }),
    read: nullable(),
    expect: allowOnly(['holder', 'owner'], { anonymous: 'null', user: 'null', otherOrganizer: 'null' }),
  },
  {
    op: 'myTickets',
    query: '{ myTickets { id } }',
    variables: () => ({}),
    read: listing('ticketId'),
    expect: allowOnly(['holder'], { anonymous: 'UNAUTHENTICATED', user: 'empty', otherOrganizer: 'empty', owner: 'empty' }),
  },
  {
    op: 'event.salesStats',
    query: 'query ($id: ID!) { event(id: $id) { salesStats { totalSold } } }',
    variables: (t) => ({ id: t.eventId }),
    read: nullable((e) => (e as { salesStats: unknown }).salesStats),
    expect: allowOnly(['owner'], { anonymous: 'null', user: 'null', holder: 'null', otherOrganizer: 'null' }),
  },
  // orders
  {
    op: 'reserveTickets',
    query:
      'mutation ($e: ID!, $t: ID!, $k: String!) { reserveTickets(input: { eventId: $e, items: [{ ticketTypeId: $t, quantity: 1 }], idempotencyKey: $k }) { id } }',
    variables: (t) => ({ e: t.eventId, t: t.pricedTypeId, k: randomUUID() }),
    expect: ANY_SIGNED_IN,
  },
  {
    op: 'checkout',
    query: 'mutation ($o: ID!) { checkout(orderId: $o, provider: SANDBOX) { id } }',
    variables: (t) => ({ o: t.reservedOrderId }),
    expect: BUYER_OF_ORDER,
  },
  {
    op: 'cancelOrder',
    query: 'mutation ($o: ID!) { cancelOrder(orderId: $o) { id } }',
    variables: (t) => ({ o: t.reservedOrderId }),
    fresh: true,
    expect: BUYER_OF_ORDER,
  },
  {
    op: 'markOrderPaid',
    query: 'mutation ($o: ID!) { markOrderPaid(orderId: $o) { id } }',
    variables: (t) => ({ o: t.reservedOrderId }),
    fresh: true,
    expect: ORGANIZER_OF_ORDER,
  },
  {
    op: 'refundOrder',
    query: 'mutation ($o: ID!) { refundOrder(orderId: $o, reason: "Asked for it") { id } }',
    variables: (t) => ({ o: t.paidOrderId }),
    fresh: true,
    expect: ORGANIZER_OF_ORDER,
  },
  {
    op: 'order',
    query: 'query ($id: ID!) { order(id: $id) { id } }',
    variables: (t) => ({ id: t.paidOrderId }),
    read: nullable(),
    expect: READ_BY_BUYER_AND_ORGANIZER,
  },
  {
    op: 'myOrders',
    query: '{ myOrders(first: 100) { edges { node { id } } } }',
    variables: () => ({}),
    read: listing('paidOrderId', orderNodes),
    expect: allowOnly(['holder'], { anonymous: 'UNAUTHENTICATED', user: 'empty', otherOrganizer: 'empty', owner: 'empty' }),
  },
  {
    op: 'event.orders',
    query: 'query ($id: ID!) { event(id: $id) { orders { edges { node { id } } } } }',
    variables: (t) => ({ id: t.eventId }),
    read: listing('paidOrderId', (e) => orderNodes((e as { orders: unknown }).orders)),
    expect: allowOnly(['owner'], { anonymous: 'empty', user: 'empty', holder: 'empty', otherOrganizer: 'empty' }),
  },
  {
    op: 'ticket.order',
    query: 'query ($id: ID!) { ticket(id: $id) { order { id } } }',
    variables: (t) => ({ id: t.ticketId }),
    read: nullable((ticket) => (ticket as { order: unknown } | null)?.order ?? null),
    expect: READ_BY_BUYER_AND_ORGANIZER,
  },
  {
    op: '_entities Order (tickets subgraph)',
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }',
    variables: (t) => ({ r: [{ __typename: 'Order', id: t.paidOrderId }] }),
    direct: 'tickets',
    read: nullable((entities) => (entities as unknown[])[0]),
    expect: READ_BY_BUYER_AND_ORGANIZER,
  },
  // notifications
  {
    op: 'markNotificationRead',
    query: 'mutation ($id: ID!) { markNotificationRead(id: $id) { id } }',
    variables: (t) => ({ id: t.notificationId }),
    expect: allowOnly(['holder'], { anonymous: 'UNAUTHENTICATED', user: 'NOT_FOUND', otherOrganizer: 'NOT_FOUND', owner: 'NOT_FOUND' }),
  },
  { op: 'markAllNotificationsRead', query: 'mutation { markAllNotificationsRead }', variables: () => ({}), expect: ANY_SIGNED_IN },
  {
    op: 'updateNotificationPreferences',
    query: 'mutation { updateNotificationPreferences(input: { push: false }) { push } }',
    variables: () => ({}),
    expect: ANY_SIGNED_IN,
  },
  {
    op: 'registerPushSubscription',
    query:
      'mutation ($k: String!, $a: String!) { registerPushSubscription(input: { endpoint: "https://push.example.com/abc", keys: { p256dh: $k, auth: $a } }) }',
    variables: () => ({ k: Buffer.alloc(65, 4).toString('base64url'), a: Buffer.alloc(16, 7).toString('base64url') }),
    expect: ANY_SIGNED_IN,
  },
  {
    op: 'notification',
    query: 'query ($id: ID!) { notification(id: $id) { id } }',
    variables: (t) => ({ id: t.notificationId }),
    read: nullable(),
    expect: allowOnly(['holder'], { anonymous: 'UNAUTHENTICATED', user: 'null', otherOrganizer: 'null', owner: 'null' }),
  },
  {
    op: 'notifications',
    query: '{ notifications { edges { node { id } } } }',
    variables: () => ({}),
    read: listing('notificationId', (c) => (c as { edges: { node: { id: string } }[] }).edges.map((e) => e.node)),
    expect: allowOnly(['holder'], { anonymous: 'UNAUTHENTICATED', user: 'empty', otherOrganizer: 'empty', owner: 'empty' }),
  },
  { op: 'unreadCount', query: '{ unreadCount }', variables: () => ({}), expect: ANY_SIGNED_IN },
  {
    op: 'User.email (of an event organizer)',
    query: 'query ($id: ID!) { event(id: $id) { organizer { email } } }',
    variables: (t) => ({ id: t.eventId }),
    read: nullable((e) => (e as { organizer: { email: unknown } }).organizer.email),
    expect: allowOnly(['owner'], { anonymous: 'null', user: 'null', holder: 'null', otherOrganizer: 'null' }),
  },
  { op: 'notificationPreferences', query: '{ notificationPreferences { email } }', variables: () => ({}), expect: ANY_SIGNED_IN },
];

describe('authorization matrix (full mode)', () => {
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let actors: Record<Exclude<Who, 'anonymous'>, Actor>;
  let shared: Target;
  let tickets: GraphQLCall;

  /** An event of `owner` with a ticket held by `holder` and the notification it produced. */
  async function makeTarget(): Promise<Target> {
    const event = await api.publishedEvent(actors.owner, 'Owned', 48);
    const draft = await api.ok<{ id: string }>(
      'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
      { i: { title: 'Owned draft', venue: 'Hall', startsAt: inHours(30), endsAt: inHours(33) } },
      actors.owner.token,
    );
    const type = await api.ok<{ id: string }>(
      'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
      { e: event.id, i: { name: 'GA', priceCents: 0, currency: 'EUR', quantity: 1000, salesStart: inHours(-1), salesEnd: inHours(40) } },
      actors.owner.token,
    );
    const [ticket] = await api.ok<{ id: string; code: string }[]>(
      'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id code } }',
      { i: { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: randomUUID() } },
      actors.holder.token,
    );
    const priced = await api.ok<{ id: string }>(
      'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
      {
        e: event.id,
        i: { name: 'Seat', priceCents: 1200, currency: 'EUR', quantity: 1000, salesStart: inHours(-1), salesEnd: inHours(40) },
      },
      actors.owner.token,
    );
    const reserve = () =>
      api.ok<{ id: string }>(
        'mutation ($i: OrderInput!) { reserveTickets(input: $i) { id } }',
        { i: { eventId: event.id, items: [{ ticketTypeId: priced.id, quantity: 2 }], idempotencyKey: randomUUID() } },
        actors.holder.token,
      );
    const [reserved, paid] = [await reserve(), await reserve()];
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
    };
  }

  beforeAll(async () => {
    platform = await startTestPlatform('full');
    api = actorsOn(platform);
    tickets = graphqlClient(platform.subgraphUrls.tickets);
    actors = {
      user: await api.signUp('Plain User'),
      holder: await api.signUp('Ticket Holder'),
      otherOrganizer: await api.signUp('Other Organizer', true),
      owner: await api.signUp('Owning Organizer', true),
    };
    shared = await makeTarget();
    const page = await api.eventually(
      () => api.ok<{ edges: { node: { id: string } }[] }>('{ notifications { edges { node { id } } } }', {}, actors.holder.token),
      (c) => c.edges.length > 0,
    );
    expect(page.edges.length, 'the purchase notification never arrived').toBeGreaterThan(0);
    shared.notificationId = page.edges[0]!.node.id;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  // Mutations that succeed change state (a role, a profile): the owner and holder go last, so
  // other callers are checked against the same untouched objects.
  const ORDER: Who[] = ['anonymous', 'user', 'otherOrganizer', 'holder', 'owner'];

  it.each(MATRIX.map((row) => [row.op, row] as const))('%s', async (_op, row) => {
    const seen: Record<string, Outcome> = {};
    // Refusals change nothing and the owner goes last, so one fresh target per row is enough.
    const target = row.fresh ? { ...(await makeTarget()), notificationId: shared.notificationId } : shared;
    for (const who of ORDER) {
      // `becomeOrganizer` would upgrade the plain user for the rows after it: use a stand-in.
      const actor =
        who === 'anonymous' ? undefined : row.op === 'becomeOrganizer' && who === 'user' ? await api.signUp('Stand-in') : actors[who];
      const res = row.direct
        ? await tickets(row.query, row.variables(target), {
            token: actor?.token,
            headers: { 'router-authorization': platform.routerSecret },
          })
        : await platform.gql(row.query, row.variables(target), { token: actor?.token });
      if (assertWellFormed(res, `${row.op} as ${who}`) === 'refused') {
        seen[who] = res.errors![0]!.extensions!.code as Outcome;
      } else {
        seen[who] = row.read ? row.read(res.data, target) : 'ok';
      }
    }
    expect(seen).toEqual(row.expect);
  });
});
