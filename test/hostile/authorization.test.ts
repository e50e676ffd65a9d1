import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlClient, startTestPlatform, type GraphQLCall, type TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, PASSWORD } from '../e2e/support/actors.js';
import { assertWellFormed } from './support/hostile.js';
import {
  allowOnly,
  ANN,
  EVERYONE,
  firstField,
  listing,
  makeTarget,
  nullable,
  signUpAs,
  type Actors,
  type Outcome,
  type Row,
  type Target,
  type Who,
} from './support/matrix.js';

/**
 * Who may do what: every mutation and owner-scoped query × {anonymous, a plain user, door staff of
 * another event, another organizer, door staff of this event, the owning user, the owning
 * organizer}. Each cell is what that caller gets: 'ok', a code, or 'null'/'empty' for reads that
 * must not reveal someone else's object exists. Then the CSV exports, fetched as each of them.
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
// The door: the event's organizer and the staff they named; to anyone else a ticket does not exist.
const AT_THE_DOOR = allowOnly(['owner', 'staff'], {
  anonymous: 'UNAUTHENTICATED',
  user: 'NOT_FOUND',
  otherStaff: 'NOT_FOUND',
  otherOrganizer: 'NOT_FOUND',
  holder: 'NOT_FOUND',
});
const OWNER_READS = allowOnly(['owner'], { anonymous: 'empty', user: 'empty', holder: 'empty', otherOrganizer: 'empty', staff: 'empty' });
const orderNodes = (connection: unknown) => (connection as { edges: { node: { id: string } }[] }).edges.map((e) => e.node);
/** Someone with an account whom the owner names door staff (`addDoorStaff`); a caller of no row. */
const bystanderEmail = `bystander.${randomUUID().slice(0, 8)}@example.com`;

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
  // notifications: early, while the holder's notification is still on their first page
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
      'mutation ($e: String!, $k: String!, $a: String!) { registerPushSubscription(input: { endpoint: $e, keys: { p256dh: $k, auth: $a } }) }',
    // A browser's endpoint is its own: one user's is refused to another (ENDPOINT_TAKEN), so each call brings a new one.
    variables: () => ({
      e: `https://push.example.com/${randomUUID()}`,
      k: Buffer.alloc(65, 4).toString('base64url'),
      a: Buffer.alloc(16, 7).toString('base64url'),
    }),
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
    op: 'updateCategory',
    query: 'mutation ($id: ID!, $n: String!) { updateCategory(id: $id, input: { name: $n }) { id } }',
    variables: (t) => ({ id: t.categoryId, n: `Renamed ${randomUUID().slice(0, 8)}` }),
    expect: ORGANIZER_OWNS,
  },
  {
    op: 'deleteCategory',
    query: 'mutation ($id: ID!) { deleteCategory(id: $id) }',
    variables: (t) => ({ id: t.categoryId }),
    fresh: true,
    expect: ORGANIZER_OWNS,
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
    // Anyone but the event's organizer and staff: the ticket reads as unknown (valid false, NOT_FOUND), as if it did not exist.
    read: (data) => ((firstField(data) as { valid: boolean }).valid ? 'ok' : 'null'),
    expect: allowOnly(['owner', 'staff'], {
      anonymous: 'UNAUTHENTICATED',
      user: 'null',
      otherStaff: 'null',
      holder: 'null',
      otherOrganizer: 'null',
    }),
  },
  {
    op: 'validateTicket → Ticket.attendeeName (who should be holding it)',
    query: 'mutation ($c: String!) { validateTicket(code: $c) { ticket { attendeeName } } }',
    variables: (t) => ({ c: t.namedTicketCode }),
    read: (data) => ((firstField(data) as { ticket: { attendeeName: string } | null }).ticket?.attendeeName === ANN ? 'ok' : 'null'),
    expect: allowOnly(['owner', 'staff'], {
      anonymous: 'UNAUTHENTICATED',
      user: 'null',
      otherStaff: 'null',
      holder: 'null',
      otherOrganizer: 'null',
    }),
  },
  {
    op: 'checkInTicket',
    query: 'mutation ($c: String!) { checkInTicket(code: $c) { id } }',
    variables: (t) => ({ c: t.ticketCode }),
    fresh: 'each',
    expect: AT_THE_DOOR,
  },
  {
    op: 'undoCheckIn',
    query: 'mutation ($id: ID!) { undoCheckIn(ticketId: $id) { id } }',
    variables: (t) => ({ id: t.usedTicketId }),
    fresh: 'each',
    expect: AT_THE_DOOR,
  },
  {
    // The event's revocation list: how many tickets it voided is its sales volume, so only its door reads it.
    op: 'revokedTickets',
    query: 'query ($e: ID!) { revokedTickets(eventId: $e) { revoked { ticketId code } cursor complete } }',
    variables: (t) => ({ e: t.eventId }),
    expect: AT_THE_DOOR,
  },
  {
    op: 'event.checkIns',
    query: 'query ($id: ID!) { event(id: $id) { checkIns { edges { node { ticket { id } } } } } }',
    variables: (t) => ({ id: t.eventId }),
    // Door staff scan but do not read the log.
    read: listing('usedTicketId', (e) =>
      (e as { checkIns: { edges: { node: { ticket: { id: string } | null } }[] } }).checkIns.edges.flatMap((x) => x.node.ticket ?? []),
    ),
    expect: OWNER_READS,
  },
  {
    op: 'addDoorStaff',
    query: 'mutation ($e: ID!, $m: String!) { addDoorStaff(eventId: $e, email: $m) { addedAt } }',
    variables: (t) => ({ e: t.eventId, m: bystanderEmail }),
    expect: ORGANIZER_OWNS,
  },
  {
    op: 'removeDoorStaff',
    query: 'mutation ($e: ID!, $u: ID!) { removeDoorStaff(eventId: $e, userId: $u) }',
    variables: (t) => ({ e: t.eventId, u: t.staffId }),
    fresh: true,
    expect: ORGANIZER_OWNS,
  },
  {
    op: 'event.doorStaff',
    query: 'query ($id: ID!) { event(id: $id) { doorStaff { user { id } } } }',
    variables: (t) => ({ id: t.eventId }),
    read: listing('staffId', (e) => (e as { doorStaff: { user: { id: string } }[] }).doorStaff.map((d) => d.user)),
    expect: OWNER_READS,
  },
  {
    op: 'ticket',
    query: 'query ($id: ID!) { ticket(id: $id) { id } }',
    variables: (t) => ({ id: t.ticketId }),
    read: nullable(),
    expect: allowOnly(['holder', 'owner'], { anonymous: 'null', user: 'null', otherOrganizer: 'null' }),
  },
  {
    op: 'Ticket.attendeeName and answers',
    query: 'query ($id: ID!) { ticket(id: $id) { attendeeName answers { value } } }',
    variables: (t) => ({ id: t.namedTicketId }),
    read: (data) => {
      const ticket = firstField(data) as { attendeeName: string | null; answers: { value: string }[] } | null;
      return ticket?.attendeeName === ANN && ticket.answers[0]?.value === 'vegan' ? 'ok' : 'null';
    },
    expect: READ_BY_BUYER_AND_ORGANIZER,
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
  // organizer tools
  {
    op: 'createVoucher',
    query: 'mutation ($e: ID!, $c: String!) { createVoucher(eventId: $e, input: { code: $c, kind: PERCENT, value: 10 }) { id } }',
    variables: (t) => ({ e: t.eventId, c: `V${randomUUID().slice(0, 8)}` }),
    expect: ORGANIZER_OWNS,
  },
  {
    op: 'event.vouchers',
    query: 'query ($id: ID!) { event(id: $id) { vouchers { id } } }',
    variables: (t) => ({ id: t.eventId }),
    read: listing('voucherId', (e) => (e as { vouchers: { id: string }[] }).vouchers),
    expect: OWNER_READS,
  },
  {
    op: 'setQuestions',
    query: 'mutation ($e: ID!) { setQuestions(eventId: $e, questions: [{ label: "Diet", kind: TEXT, required: false }]) { id } }',
    variables: (t) => ({ e: t.eventId }),
    expect: ORGANIZER_OWNS,
  },
  {
    op: 'joinWaitingList',
    query: 'mutation ($t: ID!) { joinWaitingList(ticketTypeId: $t, quantity: 1) { id } }',
    variables: (t) => ({ t: t.soldOutTypeId }),
    expect: ANY_SIGNED_IN,
  },
  {
    op: 'leaveWaitingList',
    query: 'mutation ($id: ID!) { leaveWaitingList(id: $id) { id } }',
    variables: (t) => ({ id: t.waitingEntryId }),
    fresh: true,
    expect: allowOnly(['holder'], { anonymous: 'UNAUTHENTICATED', user: 'NOT_FOUND', otherOrganizer: 'NOT_FOUND', owner: 'NOT_FOUND' }),
  },
  {
    op: 'myWaitingList',
    query: '{ myWaitingList { id } }',
    variables: () => ({}),
    read: listing('waitingEntryId'),
    expect: allowOnly(['holder'], { anonymous: 'UNAUTHENTICATED', user: 'empty', otherOrganizer: 'empty', owner: 'empty' }),
  },
  {
    op: 'event.waitingList',
    query: 'query ($id: ID!) { event(id: $id) { waitingList { id } } }',
    variables: (t) => ({ id: t.eventId }),
    read: listing('waitingEntryId', (e) => (e as { waitingList: { id: string }[] }).waitingList),
    expect: OWNER_READS,
  },
];

describe('authorization matrix (full mode)', () => {
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let actors: Actors;
  let shared: Target;
  let tickets: GraphQLCall;
  /** The other organizer's event, where `otherStaff` works the door. */
  let otherEventId: string;

  beforeAll(async () => {
    platform = await startTestPlatform('full');
    api = actorsOn(platform);
    tickets = graphqlClient(platform.subgraphUrls.tickets);
    actors = {
      user: await signUpAs(api, 'Plain User'),
      holder: await signUpAs(api, 'Ticket Holder'),
      staff: await signUpAs(api, 'Door Staff'),
      otherStaff: await signUpAs(api, 'Other Door Staff'),
      otherOrganizer: await signUpAs(api, 'Other Organizer', true),
      owner: await signUpAs(api, 'Owning Organizer', true),
    };
    await api.ok('mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email: bystanderEmail, password: PASSWORD, displayName: 'Bystander' },
    });
    otherEventId = (await api.publishedEvent(actors.otherOrganizer, 'Elsewhere', 50)).id;
    await api.ok(
      'mutation ($e: ID!, $m: String!) { addDoorStaff(eventId: $e, email: $m) { addedAt } }',
      { e: otherEventId, m: actors.otherStaff.email },
      actors.otherOrganizer.token,
    );
    shared = await makeTarget(api, actors);
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
  const ORDER: Who[] = EVERYONE;

  it.each(MATRIX.map((row) => [row.op, row] as const))('%s', async (_op, row) => {
    const seen: Record<string, Outcome> = {};
    const freshTarget = async () => ({ ...(await makeTarget(api, actors)), notificationId: shared.notificationId });
    // Refusals change nothing and the owner goes last, so one fresh target per row is enough,
    // unless several callers may use it up.
    let target = row.fresh ? await freshTarget() : shared;
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
        if (row.fresh === 'each' && seen[who] === 'ok') target = await freshTarget();
      }
    }
    expect(seen).toEqual(row.expect);
  });

  describe('GET /exports/events/:id/attendees.csv (through the router)', () => {
    const exportOf = async (eventId: string, token?: string) => {
      const response = await fetch(new URL(`/exports/events/${eventId}/attendees.csv`, platform.routerUrl), {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { status: response.status, body: await response.text() };
    };

    it('gives the file to the event’s organizer only; everyone else is told there is no such event', async () => {
      const seen: Record<string, number> = {};
      for (const who of EVERYONE) {
        const { status, body } = await exportOf(shared.eventId, who === 'anonymous' ? undefined : actors[who].token);
        seen[who] = status;
        if (who === 'owner') {
          expect(body).toContain(shared.namedTicketId);
          expect(body).toContain(ANN);
          expect(body).toContain('vegan');
        } else {
          for (const secret of [shared.namedTicketId, shared.ticketId, ANN, 'vegan'])
            expect(body, `${who} got ${body.slice(0, 200)}`).not.toContain(secret);
        }
      }
      expect(seen).toEqual({ anonymous: 401, user: 404, otherStaff: 404, otherOrganizer: 404, staff: 404, holder: 404, owner: 200 });
    });

    it('never puts another organizer’s tickets in an organizer’s own export', async () => {
      const { status, body } = await exportOf(otherEventId, actors.otherOrganizer.token);
      expect(status).toBe(200);
      for (const secret of [shared.namedTicketId, shared.ticketId, shared.usedTicketId, ANN, 'vegan']) expect(body).not.toContain(secret);
    });
  });
});
