import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import type { ServiceMetrics } from '@sbor/core';
import { consumerPart, defineSubgraph, keyReloadPart, outboxRelayPart, serviceOutboxRelay, type Part } from '@sbor/kit';
import { registerConsumerLagMetrics } from '@sbor/messaging';
import { createEventsClient } from './clients/events.js';
import { ticketsSettings, type TicketsSettings } from './config.js';
import type { TicketsContext } from './context.js';
import { outbox } from './db/outbox.js';
import { ticketsRetentionPart } from './db/queries/retention.js';
import { ticketsRepositories } from './db/repositories.js';
import { Checkout } from './domain/checkout.js';
import { Door } from './domain/door.js';
import { DoorStaffing } from './domain/door-staff.js';
import { Exports } from './domain/exports.js';
import { ScanLog } from './domain/scan-log.js';
import { createUsersClient } from './clients/users.js';
import { doorRepository } from './db/door-repository.js';
import { exportRepository } from './db/export-repository.js';
import { exportRoutes } from './http/exports.js';
import { internalTicketRoutes } from './http/internal-tickets.js';
import { offerTerms } from './domain/offers.js';
import { loadQrKeyRing, QR_KEY_RELOAD_MS } from './domain/key-ring.js';
import { OrderReader } from './domain/order-reader.js';
import { OrderUpkeep } from './domain/order-upkeep.js';
import { Ordering, type OrderingHooks } from './domain/ordering.js';
import { Questions } from './domain/questions.js';
import { TicketReader } from './domain/reading.js';
import { Refunding } from './domain/refunding.js';
import { TicketTypes } from './domain/ticket-types.js';
import { Vouchers } from './domain/vouchers.js';
import { WaitingList } from './domain/waiting-list.js';
import { paymentRoutes } from './http/payments.js';
import { ticketRoutes } from './http/routes.js';
import { createLoaders } from './loaders.js';
import { LiveStock } from './live/live-stock.js';
import { startStockSignals } from './messaging/stock-signals.js';
import { startCancellationConsumer } from './messaging/cancellation.js';
import { offlineProvider } from './payments/offline.js';
import type { PaymentProviders } from './payments/provider.js';
import { sandboxProvider } from './payments/sandbox.js';
import { stripeProvider } from './payments/stripe.js';
import { resolvers } from './resolvers/index.js';

/**
 * The tickets subgraph: ticket types, orders that hold stock while the buyer pays, payments
 * (offline, sandbox, Stripe) and refunds, tickets with signed QR codes, and the door. Besides
 * /graphql it serves the door's public QR keys (/tickets/keys), the
 * sandbox checkout and the payment webhooks; it relays its outbox, ends due holds, sends owed
 * refunds and consumes `event.cancelled`.
 */
export const ticketsSubgraph = defineSubgraph({
  name: 'tickets',
  schema: fileURLToPath(new URL('../schema.graphql', import.meta.url)),
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: ticketsSettings,
  // The shared pub/sub carries stock signals to every instance's live watchers (`live/`).
  usesCache: true,
  webSocket: true,
  resolvers,
  async setup({ settings, infra, metrics }) {
    const { db } = infra.database;
    const { logger } = infra;
    const repositories = ticketsRepositories(db);
    const keys = await loadQrKeyRing(db);
    const events = createEventsClient({ ...settings.events, routerSecret: settings.routerSecret });
    const users = createUsersClient({ ...settings.users, routerSecret: settings.routerSecret });
    const doors = doorRepository(db);
    const relay = serviceOutboxRelay(outbox, infra, settings, metrics);
    const wake = () => relay.wake();
    registerConsumerLagMetrics(metrics, infra.bus, () => [settings.consumer.groupId]);
    const providers = paymentProviders(settings);
    const reader = new TicketReader(repositories, events, keys);
    // Stock that comes back is offered to the waiting list on these terms, wherever it comes back.
    const offers = offerTerms(settings.orders.offerMinutes, (err) =>
      logger.warn({ err }, 'waiting-list offer failed; the stock stays on sale and the next upkeep pass offers it'),
    );
    const refunding = new Refunding(repositories, providers, logger, wake, offers);
    return {
      db,
      events,
      keys,
      relay,
      wake,
      repositories,
      providers,
      reader,
      refunding,
      orderReader: new OrderReader(repositories),
      ticketTypes: new TicketTypes(repositories.ticketTypes, events, settings.limits.ticketTypesPerEvent),
      ordering: new Ordering(repositories, events, keys, { ...settings.orders, offers }, { committed: wake, ...countOrders(metrics) }),
      checkout: new Checkout(repositories, providers, keys, settings.orders, logger, wake),
      upkeep: new OrderUpkeep(repositories.orders, refunding, {
        intervalMs: settings.orders.upkeepMs,
        logger,
        onCommitted: wake,
        waitingList: repositories.waitingList,
        offers,
      }),
      vouchers: new Vouchers(repositories, events),
      questions: new Questions(repositories, events),
      waitingList: new WaitingList(repositories, events, offers, wake),
      door: new Door(doors, repositories.tickets, keys, wake),
      doorStaffing: new DoorStaffing(doors, events, users),
      scanLog: new ScanLog(doors),
      exports: new Exports(exportRepository(infra.database), events, users),
      liveStock: new LiveStock({ cache: infra.cache, ticketTypes: repositories.ticketTypes, events, logger }),
    };
  },
  parts: (domain, { settings, infra }) => [
    outboxRelayPart(domain.relay),
    upkeepPart(domain.upkeep),
    keyReloadPart(domain.keys, QR_KEY_RELOAD_MS, infra.logger),
    ticketsRetentionPart(domain.db, infra.logger, settings.retention),
    consumerPart('event.cancelled consumer', () =>
      startCancellationConsumer({ bus: infra.bus, db: domain.db, events: domain.events, ...settings.consumer, onApplied: domain.wake }),
    ),
    consumerPart('stock signals', () =>
      startStockSignals({ bus: infra.bus, cache: infra.cache, groupId: `${settings.consumer.groupId}-live-stock`, logger: infra.logger }),
    ),
    liveStockPart(domain.liveStock),
  ],
  context: (domain, base): TicketsContext => ({
    ...base,
    ticketTypes: domain.ticketTypes,
    ordering: domain.ordering,
    checkout: domain.checkout,
    refunding: domain.refunding,
    reader: domain.reader,
    orderReader: domain.orderReader,
    door: domain.door,
    doorStaffing: domain.doorStaffing,
    scanLog: domain.scanLog,
    liveStock: domain.liveStock,
    vouchers: domain.vouchers,
    questions: domain.questions,
    waitingList: domain.waitingList,
    loaders: createLoaders(
      domain.repositories,
      {
        tickets: domain.reader,
        orders: domain.orderReader,
        vouchers: domain.vouchers,
        doorStaffing: domain.doorStaffing,
        waitingList: domain.waitingList,
        scanLog: domain.scanLog,
      },
      base.viewer,
    ),
  }),
  routes: (domain, { settings, infra }) => {
    const door = ticketRoutes(domain.keys);
    const exports = exportRoutes({
      exports: domain.exports,
      routerSecret: settings.routerSecret,
      verifyToken: infra.verifyToken,
      logger: infra.logger,
    });
    const payments = paymentRoutes({
      checkout: domain.checkout,
      providers: domain.providers,
      logger: infra.logger,
      sandbox: settings.payments.sandbox,
    });
    const internal = internalTicketRoutes({ db: domain.db, routerSecret: settings.routerSecret, logger: infra.logger });
    return (app: Express) => {
      door(app);
      payments(app);
      exports(app);
      internal(app);
    };
  },
});

/** The providers this deployment offers: OFFLINE always, SANDBOX unless off, STRIPE when configured. */
function paymentProviders(settings: TicketsSettings): PaymentProviders {
  const { publicUrl, sandbox, stripe } = settings.payments;
  return {
    OFFLINE: offlineProvider(),
    ...(sandbox ? { SANDBOX: sandboxProvider({ publicUrl, secret: sandbox.secret }) } : {}),
    ...(stripe ? { STRIPE: stripeProvider(stripe) } : {}),
  };
}

/** Ends due holds and sends owed refunds on a timer; stopping waits for a pass in progress. */
const upkeepPart = (upkeep: OrderUpkeep): Part => ({
  name: 'order upkeep',
  start: () => {
    upkeep.start();
    return () => upkeep.stop();
  },
});

/** Nothing to start; stopping ends the watches still open, so no stock read outlives the service. */
const liveStockPart = (liveStock: LiveStock): Part => ({
  name: 'live stock',
  start: () => async () => liveStock.close(),
});

/** `sbor_ticket_orders_total{outcome}` (`ok` or the refusal's code) and `sbor_tickets_ordered_total`. */
function countOrders(metrics: ServiceMetrics): Pick<OrderingHooks, 'outcome'> {
  const attempts = metrics.counter({
    name: 'sbor_ticket_orders_total',
    help: 'reserveTickets and purchaseTickets calls by outcome: ok, or the refusal code (SOLD_OUT, PAYMENT_REQUIRED, …).',
    labelNames: ['outcome'],
  });
  const ordered = metrics.counter({
    name: 'sbor_tickets_ordered_total',
    help: 'Tickets held or sold by orders (replayed idempotent orders included).',
  });
  return {
    outcome: (outcome, tickets) => {
      attempts.inc({ outcome });
      if (tickets > 0) ordered.inc(tickets);
    },
  };
}
