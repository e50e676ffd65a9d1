import type { Db, Tx } from '@sbor/db';
import { outboxRow, type Fact } from '@sbor/messaging';
import type { TicketsRepositories } from '../domain/repositories.js';
import { aggregateKey } from '../messaging/facts.js';
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
  ordersOfEvents,
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
import { replaceQuestions, questionsOfEvents } from './queries/questions.js';
import { lockDueOrders, releaseOrders } from './queries/release-orders.js';
import { insertVoucher, voucherByCode, vouchersByCode, vouchersByIds, vouchersOfEvents } from './queries/vouchers.js';
import {
  entriesOfEvents,
  entriesOfUser,
  findEntry,
  joinWaitingList,
  leaveWaitingList,
  liveEntryOf,
  offerFreedStock,
  offerWaitingStock,
} from './queries/waiting-list.js';
import { salesByType } from './queries/stats.js';
import {
  findTicketType,
  findTicketTypesByIds,
  insertTicketType,
  insertTicketTypeWithin,
  seatsLeft,
  ticketTypesOfEvents,
} from './queries/ticket-types.js';
import { findTicket, replaceQrPayload, ticketsOfOwner, ticketsVisibleTo } from './queries/tickets.js';

const writeFacts = async (tx: Tx, facts: Fact[]) => {
  if (facts.length > 0) await tx.insert(outbox).values(facts.map((f) => outboxRow(f, aggregateKey(f))));
};

/** The tickets domain's repositories on PostgreSQL (or PGlite): each method one query or one transaction. */
export function ticketsRepositories(db: Db): TicketsRepositories {
  return {
    ticketTypes: {
      insert: (values) => insertTicketType(db, values),
      insertWithin: (values, limit) => insertTicketTypeWithin(db, values, limit),
      find: (id) => findTicketType(db, id),
      byIds: (ids) => findTicketTypesByIds(db, ids),
      ofEvents: (eventIds) => ticketTypesOfEvents(db, eventIds),
      seatsLeft: (id) => seatsLeft(db, id),
      salesByType: (eventIds) => salesByType(db, eventIds),
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
      ofEvents: (query, cursor, limit) => ordersOfEvents(db, query, cursor, limit),
      release: (which, status, factsFor, offers) =>
        db.transaction(async (tx) => {
          const ids = 'ids' in which ? which.ids : await lockDueOrders(tx, which.dueBy, which.limit);
          const ended = await releaseOrders(tx, ids, status);
          await writeFacts(tx, factsFor(ended));
          if (offers && ended.length > 0) {
            const lines = await linesOfOrders(
              tx,
              ended.map((o) => o.id),
            );
            await offerFreedStock(
              tx,
              lines.map((l) => l.ticketTypeId),
              offers,
            );
          }
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
          if (options.returnStock && options.offers) {
            await offerFreedStock(
              tx,
              cancelled.map((t) => t.ticketTypeId),
              options.offers,
            );
          }
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
    vouchers: {
      insert: (values) => insertVoucher(db, values),
      byCode: (eventId, code) => voucherByCode(db, eventId, code),
      byCodeOfEvents: (eventIds, code) => vouchersByCode(db, eventIds, code),
      byIds: (ids) => vouchersByIds(db, ids),
      ofEvents: (eventIds, organizerId) => vouchersOfEvents(db, eventIds, organizerId),
    },
    questions: {
      replace: (eventId, questions) => replaceQuestions(db, eventId, questions),
      ofEvents: (eventIds) => questionsOfEvents(db, eventIds),
    },
    waitingList: {
      join: (entry) => joinWaitingList(db, entry),
      liveEntry: (userId, ticketTypeId) => liveEntryOf(db, userId, ticketTypeId),
      find: (id, userId) => findEntry(db, id, userId),
      ofUser: (userId, limit) => entriesOfUser(db, userId, limit),
      ofEvents: (query) => entriesOfEvents(db, query),
      leave: (id, userId, offers, factsFor) => leaveWaitingList(db, id, userId, offers, factsFor),
      offerWaiting: (offers, limit) => offerWaitingStock(db, offers, limit),
    },
    tickets: {
      ofOwner: (ownerId) => ticketsOfOwner(db, ownerId),
      visibleTo: (ids, viewerId) => ticketsVisibleTo(db, ids, viewerId),
      find: (id) => findTicket(db, id),
      replaceQrPayload: (id, from, to) => replaceQrPayload(db, id, from, to),
    },
  };
}
