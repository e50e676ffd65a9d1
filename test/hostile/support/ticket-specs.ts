import fc from 'fast-check';
import { inHours } from '../../e2e/support/actors.js';
import { nastyDate, nastyId, nastyNumber, nastyString, wrongType } from './hostile.js';
import { as, junkToken, title, type MutationSpec } from './specs.js';

/** The tickets subgraph's operations for properties.test.ts: ticket types, the door, and orders. */

const ORDER = '{ id status }';
const PROVIDERS = ['FREE', 'OFFLINE', 'SANDBOX', 'STRIPE'] as const;

export const TICKET_SPECS: MutationSpec[] = [
  {
    name: 'createTicketType',
    service: 'tickets',
    query: 'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
    variables: (w, f) =>
      fc.record({
        e: f(fc.constant(w.eventId), nastyId),
        i: f(
          fc.record({
            name: f(title, nastyString),
            priceCents: f(fc.integer({ min: 0, max: 10_000 }), nastyNumber),
            currency: f(fc.constantFrom('EUR', 'USD'), nastyString),
            quantity: f(fc.integer({ min: 1, max: 100 }), nastyNumber),
            salesStart: f(fc.constant(inHours(-1)), nastyDate),
            salesEnd: f(fc.constant(inHours(40)), nastyDate),
          }),
          wrongType,
        ),
      }),
    token: as('organizer'),
  },
  {
    name: 'purchaseTickets',
    service: 'tickets',
    query: 'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }',
    variables: (w, f) =>
      fc.record({
        i: f(
          fc.record({
            eventId: f(fc.constant(w.eventId), nastyId),
            // A priced type answers PAYMENT_REQUIRED: refused, and nothing held.
            ticketTypeId: f(fc.constantFrom(w.ticketTypeId, w.pricedTypeId), nastyId),
            quantity: f(fc.integer({ min: 1, max: 2 }), nastyNumber),
            idempotencyKey: f(fc.uuid(), nastyString),
          }),
          wrongType,
        ),
      }),
    token: as('user'),
  },
  {
    name: 'validateTicket',
    service: 'tickets',
    query: 'mutation ($c: String!, $e: ID) { validateTicket(code: $c, eventId: $e) { valid reason } }',
    variables: (w, f) => fc.record({ c: f(fc.constant(w.ticketCode), nastyString), e: f(fc.constant(w.eventId), nastyId) }),
    token: as('organizer'),
  },
  {
    name: 'checkInTicket',
    service: 'tickets',
    query: 'mutation ($c: String!, $e: ID) { checkInTicket(code: $c, eventId: $e) { id status } }',
    variables: (w, f) => fc.record({ c: f(fc.constant(w.ticketCode), nastyString), e: f(fc.constant(w.eventId), nastyId) }),
    token: as('organizer'),
  },
  {
    name: 'reserveTickets',
    service: 'tickets',
    query: `mutation ($i: OrderInput!) { reserveTickets(input: $i) ${ORDER} }`,
    variables: (w, f) =>
      fc.record({
        i: f(
          fc.record({
            eventId: f(fc.constant(w.eventId), nastyId),
            items: f(
              fc.array(
                fc.record({
                  ticketTypeId: f(fc.constantFrom(w.ticketTypeId, w.pricedTypeId), nastyId),
                  quantity: f(fc.integer({ min: 1, max: 3 }), nastyNumber),
                }),
                { minLength: 1, maxLength: 3 },
              ),
              fc.oneof(
                fc.constant([]),
                fc.constant(Array.from({ length: 1_000 }, () => ({ ticketTypeId: w.pricedTypeId, quantity: 1 }))),
                fc.constant([{ ticketTypeId: w.pricedTypeId, quantity: 1, priceCents: 0 }]),
                fc.array(wrongType, { maxLength: 3 }),
              ),
            ),
            voucherCode: f(fc.constant(undefined), nastyString),
            idempotencyKey: f(fc.uuid(), nastyString),
            // Not part of OrderInput: an extra field a client made up.
            attendees: f(fc.constant(undefined), fc.array(fc.record({ ticketTypeId: nastyId, name: nastyString }), { maxLength: 2 })),
          }),
          wrongType,
        ),
      }),
    token: as('user'),
  },
  {
    name: 'checkout',
    service: 'tickets',
    query: `mutation ($o: ID!, $p: PaymentProvider!) { checkout(orderId: $o, provider: $p) { id status checkoutUrl instructions } }`,
    variables: (w, f) =>
      fc.record({
        o: f(fc.constant(w.orders.toPay), nastyId),
        // FREE and STRIPE (not configured here) are refused for a priced order; the rest are not enum values.
        p: f(fc.constantFrom('SANDBOX', 'OFFLINE'), fc.oneof(fc.constantFrom(...PROVIDERS, 'sandbox', 'PAYPAL'), nastyString)),
      }),
    token: as('user'),
  },
  {
    name: 'cancelOrder',
    service: 'tickets',
    query: `mutation ($o: ID!) { cancelOrder(orderId: $o) ${ORDER} }`,
    variables: (w, f) => fc.record({ o: f(fc.constantFrom(w.orders.toCancel, w.paid.orderId), nastyId) }),
    token: junkToken,
  },
  {
    name: 'markOrderPaid',
    service: 'tickets',
    query: `mutation ($o: ID!) { markOrderPaid(orderId: $o) ${ORDER} }`,
    variables: (w, f) => fc.record({ o: f(fc.constantFrom(w.orders.toMarkPaid, w.paid.orderId), nastyId) }),
    token: as('organizer'),
  },
  {
    name: 'refundOrder',
    service: 'tickets',
    query: `mutation ($o: ID!, $t: [ID!], $r: String) { refundOrder(orderId: $o, ticketIds: $t, reason: $r) ${ORDER} }`,
    variables: (w, f) =>
      fc.record({
        o: f(fc.constant(w.paid.orderId), nastyId),
        t: f(
          fc.subarray(w.paid.ticketIds, { minLength: 1, maxLength: 1 }),
          fc.oneof(
            fc.constant([]),
            fc.array(nastyId, { maxLength: 3 }),
            fc.constant(Array.from({ length: 101 }, () => w.paid.ticketIds[0])),
          ),
        ),
        r: f(fc.string({ maxLength: 40 }), nastyString),
      }),
    token: as('organizer'),
  },
];

/** Reads with arguments: a refused one must not change anything either. */
export const TICKET_QUERY_SPECS: MutationSpec[] = [
  {
    name: 'query ticket',
    service: 'tickets',
    query: 'query ($id: ID!) { ticket(id: $id) { id code } }',
    variables: (_w, f) => fc.record({ id: f(fc.uuid(), nastyId) }),
    token: as('user'),
  },
  {
    name: 'query order',
    service: 'tickets',
    query: `query ($id: ID!) { order(id: $id) ${ORDER} }`,
    variables: (w, f) => fc.record({ id: f(fc.constant(w.paid.orderId), nastyId) }),
    token: junkToken,
  },
  {
    name: 'query myOrders',
    service: 'tickets',
    query: 'query ($n: Int, $a: String) { myOrders(first: $n, after: $a) { edges { cursor node { id } } pageInfo { endCursor } } }',
    variables: (_w, f) =>
      fc.record(
        {
          n: f(fc.integer({ min: 1, max: 100 }), nastyNumber),
          a: f(
            fc.constant(null),
            fc.oneof(
              nastyString,
              fc.base64String().map((s) => s.replace(/=/g, '')),
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    token: junkToken,
  },
  {
    name: 'query Event.orders',
    service: 'tickets',
    query:
      'query ($id: ID!, $s: OrderStatus, $n: Int, $a: String) { event(id: $id) { orders(status: $s, first: $n, after: $a) { edges { node { id } } } } }',
    variables: (w, f) =>
      fc.record(
        {
          id: f(fc.constant(w.eventId), nastyId),
          s: f(fc.constantFrom('RESERVED', 'PAID', null), nastyString),
          n: f(fc.integer({ min: 1, max: 100 }), nastyNumber),
          a: f(fc.constant(null), nastyString),
        },
        { requiredKeys: ['id'] },
      ),
    token: as('organizer'),
  },
];
