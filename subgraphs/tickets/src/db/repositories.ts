import type { Db, Tx } from '@sbor/db';
import { outboxRow, type Fact } from '@sbor/messaging';
import type { TicketsRepositories } from '../domain/repositories.js';
import { aggregateKey, ticketCheckedIn } from '../messaging/facts.js';
import { outbox } from './outbox.js';
import {
  closePayment,
  extendHold,
  findOrder,
  findOrderByKey,
  findPayment,
  findPaymentByRef,
  holdingsOfBuyer,
  insertPayment,
  linesOfOrders,
  ordersOfBuyer,
  ordersOfEvent,
  ordersVisibleTo,
  paymentsOfOrders,
  refundsOfOrders,
  succeedPayment,
  ticketsOfOrders,
} from './queries/orders.js';
import { payOrder, recordWebhook } from './queries/pay-order.js';
import { placeOrder } from './queries/place-order.js';
import {
  cancelRefundedTickets,
  completeRefund,
  insertRefund,
  lockPendingRefunds,
  refundableCents,
  settleRefundedOrder,
} from './queries/refunds.js';
import { lockDueOrders, releaseOrders } from './queries/release-orders.js';
import { salesByType } from './queries/stats.js';
import { findTicketType, findTicketTypesByIds, insertTicketType, seatsLeft, ticketTypesOfEvents } from './queries/ticket-types.js';
import { findTicket, markUsed, ticketForOrganizer, ticketsOfOwner, ticketsVisibleTo } from './queries/tickets.js';

const writeFacts = async (tx: Tx, facts: Fact[]) => {
  if (facts.length > 0) await tx.insert(outbox).values(facts.map((f) => outboxRow(f, aggregateKey(f))));
};

/** The tickets domain's repositories on PostgreSQL (or PGlite): each method one query or one transaction. */
export function ticketsRepositories(db: Db): TicketsRepositories {
  return {
    ticketTypes: {
      insert: (values) => insertTicketType(db, values),
      find: (id) => findTicketType(db, id),
      byIds: (ids) => findTicketTypesByIds(db, ids),
      ofEvents: (eventIds) => ticketTypesOfEvents(db, eventIds),
      seatsLeft: (id) => seatsLeft(db, id),
      salesByType: (eventId) => salesByType(db, eventId),
    },
    orders: {
      place: (placement) => placeOrder(db, placement),
      pay: (payment) => payOrder(db, payment),
      find: (id) => findOrder(db, id),
      findByKey: (buyerId, key) => findOrderByKey(db, buyerId, key),
      visibleTo: (ids, viewerId) => ordersVisibleTo(db, ids, viewerId),
      lines: (orderIds) => linesOfOrders(db, orderIds),
      tickets: (orderIds) => ticketsOfOrders(db, orderIds),
      ofBuyer: (buyerId, cursor, limit) => ordersOfBuyer(db, buyerId, cursor, limit),
      ofEvent: (query, cursor, limit) => ordersOfEvent(db, query, cursor, limit),
      release: (which, status, factsFor) =>
        db.transaction(async (tx) => {
          const ids = 'ids' in which ? which.ids : await lockDueOrders(tx, which.dueBy, which.limit);
          const ended = await releaseOrders(tx, ids, status);
          await writeFacts(tx, factsFor(ended));
          return ended;
        }),
      extendHold: (orderId, until) => extendHold(db, orderId, until),
      heldBy: (buyerId, typeIds) => holdingsOfBuyer(db, buyerId, typeIds),
    },
    payments: {
      insert: (values) => insertPayment(db, values),
      find: (id) => findPayment(db, id),
      findByRef: (provider, ref) => findPaymentByRef(db, provider, ref),
      ofOrders: (orderIds) => paymentsOfOrders(db, orderIds),
      close: (id, status) => closePayment(db, id, status),
      succeed: (id) => succeedPayment(db, id),
      recordWebhook: (provider, eventId) => recordWebhook(db, provider, eventId),
    },
    refunds: {
      ofOrders: (orderIds) => refundsOfOrders(db, orderIds),
      refundableCents: (orderId) => refundableCents(db, orderId),
      apply: (refund, options, factsFor) =>
        db.transaction(async (tx) => {
          const order = (await findOrder(tx, refund.orderId))!;
          await insertRefund(tx, refund);
          const cancelled = await cancelRefundedTickets(tx, order, refund.ticketIds, options.returnStock);
          // A refund that names no tickets returns money the order did not need; the order is as it was.
          const status = refund.ticketIds.length > 0 ? await settleRefundedOrder(tx, order.id) : order.status;
          await writeFacts(tx, factsFor({ status, cancelled }));
          return { status, cancelled };
        }),
      settlePending: (limit, settle) =>
        db.transaction(async (tx) => {
          let settled = 0;
          for (const refund of await lockPendingRefunds(tx, limit)) {
            const [order, payment, [withTickets]] = await Promise.all([
              findOrder(tx, refund.orderId),
              refund.paymentId ? findPayment(tx, refund.paymentId) : undefined,
              refundsOfOrders(tx, [refund.orderId]).then((all) => all.filter((r) => r.id === refund.id)),
            ]);
            const outcome = await settle({ refund, order: order!, payment, ticketIds: withTickets?.ticketIds ?? [] });
            if (!outcome || !(await completeRefund(tx, refund.id, outcome.providerRef))) continue;
            await writeFacts(tx, outcome.factsFor(await settleRefundedOrder(tx, refund.orderId)));
            settled++;
          }
          return settled;
        }),
    },
    tickets: {
      ofOwner: (ownerId) => ticketsOfOwner(db, ownerId),
      visibleTo: (ids, viewerId) => ticketsVisibleTo(db, ids, viewerId),
      forOrganizer: (by, organizerId) => ticketForOrganizer(db, by, organizerId),
      find: (id) => findTicket(db, id),
      checkIn: (ticketId, by) =>
        db.transaction(async (tx) => {
          const row = await markUsed(tx, ticketId, by);
          if (row) await ticketCheckedIn(tx, row, by);
          return row;
        }),
    },
  };
}
