/**
 * The order flash sale's baseline: the writes of a hold and its payment alone, sent at the
 * benchmark's concurrency against a scratch database migrated with the tickets service's own
 * migrations, through drizzle over a postgres.js pool of the service's size (tickets-scratch.ts),
 * so the statements are byte for byte the service's:
 *
 * 1. `placeOrder` with `mode: 'hold'` and its order.reserved fact (what `reserveTickets` sends);
 * 2. `insertPayment`, the PENDING SANDBOX payment (what `checkout` writes);
 * 3. `payOrder` with the webhook's record, the tickets and the order.paid and ticket.purchased
 *    facts (what the sandbox webhook applies).
 *
 * The values are made by the service's own functions, as `Ordering` and `Checkout` make them. What
 * it leaves out is everything else the order path does: GraphQL through the router and the
 * subgraph, token checks, the call to events, the reads before each write, the checkout page's
 * POST and the webhook's HTTP hop.
 */
import { randomUUID } from 'node:crypto';
import { insertPayment } from '../../subgraphs/tickets/src/db/queries/orders.js';
import { payOrder } from '../../subgraphs/tickets/src/db/queries/pay-order.js';
import { placeOrder, type OrderPlacement } from '../../subgraphs/tickets/src/db/queries/place-order.js';
import { issueTickets } from '../../subgraphs/tickets/src/domain/issuing.js';
import { newOrderNumber } from '../../subgraphs/tickets/src/domain/order-rules.js';
import { DEFAULT_ORDERS_PER_USER_PER_MINUTE } from '../../subgraphs/tickets/src/domain/ordering.js';
import { factRow, orderReservedFact } from '../../subgraphs/tickets/src/messaging/facts.js';
import { orderRace, verifyOrders, type OrderFlashSaleSize } from './order-flow.js';
import { ticketsScratch, type ScratchTicketType, type TicketsScratch } from './tickets-scratch.js';

/** The tickets service's default `PUBLIC_URL`: only the stored checkout link's text. */
const PUBLIC_URL = 'http://127.0.0.1:8000';
const HOLD_MINUTES = 10;

/** A hold on one ticket, made as `Ordering.place` makes it for a priced type. */
function hold(type: ScratchTicketType, buyerId: string): OrderPlacement & { mode: 'hold' } {
  const order = {
    id: randomUUID(),
    number: newOrderNumber(),
    eventId: type.eventId,
    organizerId: type.organizerId,
    buyerId,
    idempotencyKey: randomUUID(),
    totalCents: type.priceCents,
    currency: 'EUR',
    expiresAt: new Date(Date.now() + HOLD_MINUTES * 60_000),
    voucher: null,
    attendees: null,
  };
  const lines = [{ ticketTypeId: type.typeId, quantity: 1, unitPriceCents: type.priceCents, discountCents: 0, maxPerUser: null }];
  return {
    order,
    lines,
    mode: 'hold',
    tickets: [],
    facts: [factRow(orderReservedFact({ ...order, expiresAt: order.expiresAt }, lines))],
    perMinute: DEFAULT_ORDERS_PER_USER_PER_MINUTE,
  };
}

/** Reserve, record the SANDBOX payment, apply its webhook: the three writes of one paid order. */
async function holdAndPay(
  scratch: TicketsScratch,
  type: ScratchTicketType,
  buyerId: string,
  step: (name: string) => void,
): Promise<string> {
  const placement = hold(type, buyerId);
  const outcome = await placeOrder(scratch.db, placement);
  step('reserve');
  if (outcome === 'REFUSED') return 'SOLD_OUT';
  if (outcome !== 'PLACED') return `placeOrder: ${outcome}`;
  const { order, lines } = placement;
  const paymentId = randomUUID();
  await insertPayment(scratch.db, {
    id: paymentId,
    orderId: order.id,
    provider: 'SANDBOX',
    status: 'PENDING',
    amountCents: order.totalCents,
    currency: order.currency,
    providerRef: paymentId,
    checkoutUrl: `${PUBLIC_URL}/pay/${paymentId}`,
    clientSecret: null,
    instructions: null,
  });
  step('checkout');
  const issued = issueTickets(scratch.keys, order, lines, type.eventEndsAt, 'SANDBOX');
  const paid = await payOrder(scratch.db, {
    orderId: order.id,
    paymentId,
    webhook: { provider: 'SANDBOX', eventId: `evt_${randomUUID()}` },
    tickets: issued.tickets,
    facts: issued.facts.map(factRow),
  });
  step('pay');
  return paid === 'PAID' ? 'PAID' : `payOrder: ${paid}`;
}

export async function baselineOrders(size: OrderFlashSaleSize, priceCents: number) {
  const scratch = await ticketsScratch('orders');
  try {
    const type = await scratch.ticketType(size.quantity, priceCents);
    const buyerIds = Array.from({ length: size.connections }, () => randomUUID());
    const run = await orderRace(size, (i, step) => holdAndPay(scratch, type, buyerIds[i % buyerIds.length]!, step));
    const check = await verifyOrders(scratch.url, type.eventId, type.typeId);
    return { run, check };
  } finally {
    await scratch.close();
  }
}
