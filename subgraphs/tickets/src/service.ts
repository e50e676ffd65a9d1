import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { TokenVerifier } from '@sbor/auth';
import type { Cache } from '@sbor/cache';
import { AppError, createServiceMetrics, startSubgraphServer, type Logger, type RunningServer } from '@sbor/core';
import type { Database } from '@sbor/db';
import { OutboxRelay, registerConsumerLagMetrics, registerOutboxMetrics, type Bus } from '@sbor/messaging';
import { createEventsClient, type EventsClient } from './clients/events.js';
import type { TicketsSettings } from './config.js';
import type { TicketsContext } from './context.js';
import { outbox } from './db/messaging.js';
import { Door } from './domain/door.js';
import { loadQrKeyRing } from './domain/key-ring.js';
import { Purchases } from './domain/purchases.js';
import { TicketReader } from './domain/reading.js';
import { TicketTypes } from './domain/ticket-types.js';
import { ticketRoutes } from './http/routes.js';
import { createLoaders } from './loaders.js';
import { startCancellationConsumer } from './messaging/cancellation.js';
import { resolvers } from './resolvers/index.js';

export const TICKETS_SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

export interface TicketsDeps {
  database: Database;
  /** Not used yet; kept so every service starts with the same dependencies. */
  cache: Cache;
  bus: Bus;
  logger: Logger;
  /** Verifies the access token the router forwards (the users service's JWKS). */
  verifyToken: TokenVerifier;
  /** Overrides the HTTP client built from `settings.events` (tests). */
  events?: EventsClient;
  /** Consumer group for `event.cancelled`; overrides `settings.consumer.groupId` (tests). */
  consumerGroupId?: string;
}

/**
 * Migrates, loads the QR signing keys, starts the outbox relay and the `event.cancelled`
 * consumer, and serves the tickets subgraph plus /tickets/keys and /tickets/revocations.
 * `stop()` stops the server, then the consumer and the relay.
 */
export async function startTicketsService(settings: TicketsSettings, deps: TicketsDeps): Promise<RunningServer> {
  const { database, bus, logger } = deps;
  const db = database.db;
  await database.migrate({ migrationsFolder: MIGRATIONS, schema: 'tickets' });
  const keys = await loadQrKeyRing(db);
  const events = deps.events ?? createEventsClient({ ...settings.events, routerSecret: settings.routerSecret });
  const relay = new OutboxRelay({ db, table: outbox, bus, logger, intervalMs: settings.outboxIntervalMs });
  const wake = () => relay.wake();
  const ticketTypes = new TicketTypes(db, events);
  const purchases = new Purchases(db, events, keys, wake);
  const reader = new TicketReader(db, events);
  const door = new Door(db, keys, wake);
  const schema = buildSubgraphSchema([{ typeDefs: parse(readFileSync(TICKETS_SCHEMA_PATH, 'utf8')), resolvers: resolvers as never }]);
  const groupId = deps.consumerGroupId ?? settings.consumer.groupId;
  const metrics = createServiceMetrics('tickets');
  registerOutboxMetrics(metrics, () => relay.backlog());
  registerConsumerLagMetrics(metrics, bus, () => [groupId]);
  countPurchases(purchases, metrics);

  relay.start();
  const consumer = await startCancellationConsumer({
    bus,
    db,
    groupId,
    startAt: settings.consumer.startAt,
    onApplied: wake,
  });
  let server: RunningServer;
  try {
    server = await startSubgraphServer<TicketsContext>(
      {
        name: 'tickets',
        schema,
        logger,
        routerSecret: settings.routerSecret,
        authenticate: deps.verifyToken,
        context: (base) => ({ ...base, ticketTypes, purchases, reader, door, loaders: createLoaders(db, reader, base.viewer) }),
        introspection: !settings.production,
        ready: () => database.ping(),
        routes: ticketRoutes(db, keys),
        metrics,
      },
      settings.port,
      settings.host,
    );
  } catch (error) {
    await consumer.stop();
    await relay.stop();
    throw error;
  }
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await consumer.stop();
      await relay.stop();
    },
  };
}

/**
 * `sbor_ticket_purchases_total{outcome}` (outcome: `ok` or the rejection code) and
 * `sbor_tickets_sold_total`, counted around `Purchases.purchase`.
 */
function countPurchases(purchases: Purchases, metrics: ReturnType<typeof createServiceMetrics>): void {
  const attempts = metrics.counter({
    name: 'sbor_ticket_purchases_total',
    help: 'purchaseTickets calls by outcome: ok, or the rejection code (SOLD_OUT, SERVICE_UNAVAILABLE, …).',
    labelNames: ['outcome'],
  });
  const sold = metrics.counter({ name: 'sbor_tickets_sold_total', help: 'Tickets sold (replayed idempotent purchases included).' });
  const purchase = purchases.purchase.bind(purchases);
  purchases.purchase = async (viewer, input) => {
    try {
      const tickets = await purchase(viewer, input);
      attempts.inc({ outcome: 'ok' });
      sold.inc(tickets.length);
      return tickets;
    } catch (error) {
      attempts.inc({ outcome: error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR' });
      throw error;
    }
  };
}
