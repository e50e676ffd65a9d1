import { fileURLToPath } from 'node:url';
import type { ServiceMetrics } from '@sbor/core';
import { consumerPart, defineSubgraph, outboxRelayPart } from '@sbor/kit';
import { OutboxRelay, registerConsumerLagMetrics, registerOutboxMetrics } from '@sbor/messaging';
import { createEventsClient } from './clients/events.js';
import { ticketsSettings } from './config.js';
import type { TicketsContext } from './context.js';
import { outbox } from './db/outbox.js';
import { ticketsRepositories } from './db/repositories.js';
import { Door } from './domain/door.js';
import { loadQrKeyRing } from './domain/key-ring.js';
import { Purchases, type PurchaseHooks } from './domain/purchases.js';
import { TicketReader } from './domain/reading.js';
import { TicketTypes } from './domain/ticket-types.js';
import { ticketRoutes } from './http/routes.js';
import { createLoaders } from './loaders.js';
import { startCancellationConsumer } from './messaging/cancellation.js';
import { resolvers } from './resolvers/index.js';

/**
 * The tickets subgraph: ticket types, purchases that never oversell, signed QR codes and the door.
 * Besides /graphql it serves the door's offline material (/tickets/keys, /tickets/revocations),
 * relays its outbox and consumes `event.cancelled`.
 */
export const ticketsSubgraph = defineSubgraph({
  name: 'tickets',
  schema: fileURLToPath(new URL('../schema.graphql', import.meta.url)),
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: ticketsSettings,
  usesCache: false,
  resolvers,
  async setup({ settings, infra, metrics }) {
    const { db } = infra.database;
    const repositories = ticketsRepositories(db);
    const keys = await loadQrKeyRing(db);
    const events = createEventsClient({ ...settings.events, routerSecret: settings.routerSecret });
    const relay = new OutboxRelay({ db, table: outbox, bus: infra.bus, logger: infra.logger, intervalMs: settings.outboxIntervalMs });
    const wake = () => relay.wake();
    registerOutboxMetrics(metrics, () => relay.backlog());
    registerConsumerLagMetrics(metrics, infra.bus, () => [settings.consumer.groupId]);
    const reader = new TicketReader(repositories, events);
    return {
      db,
      keys,
      relay,
      wake,
      repositories,
      reader,
      ticketTypes: new TicketTypes(repositories.ticketTypes, events),
      purchases: new Purchases(repositories, events, keys, { committed: wake, ...countPurchases(metrics) }),
      door: new Door(repositories.tickets, keys, wake),
    };
  },
  parts: (domain, { settings, infra }) => [
    outboxRelayPart(domain.relay),
    consumerPart('event.cancelled consumer', () =>
      startCancellationConsumer({ bus: infra.bus, db: domain.db, ...settings.consumer, onApplied: domain.wake }),
    ),
  ],
  context: (domain, base): TicketsContext => ({
    ...base,
    ticketTypes: domain.ticketTypes,
    purchases: domain.purchases,
    reader: domain.reader,
    door: domain.door,
    loaders: createLoaders(domain.repositories.ticketTypes, domain.reader, base.viewer),
  }),
  routes: (domain) => ticketRoutes(domain.db, domain.keys),
});

/** `sbor_ticket_purchases_total{outcome}` (`ok` or the refusal's code) and `sbor_tickets_sold_total`. */
function countPurchases(metrics: ServiceMetrics): Pick<PurchaseHooks, 'outcome'> {
  const attempts = metrics.counter({
    name: 'sbor_ticket_purchases_total',
    help: 'purchaseTickets calls by outcome: ok, or the rejection code (SOLD_OUT, SERVICE_UNAVAILABLE, …).',
    labelNames: ['outcome'],
  });
  const sold = metrics.counter({ name: 'sbor_tickets_sold_total', help: 'Tickets sold (replayed idempotent purchases included).' });
  return {
    outcome: (outcome, tickets) => {
      attempts.inc({ outcome });
      if (tickets > 0) sold.inc(tickets);
    },
  };
}
