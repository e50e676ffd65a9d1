import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createTokenVerifier, remoteKeySet, type TokenVerifier } from '@sbor/auth';
import { createServiceMetrics, type Logger } from '@sbor/core';
import { startSubgraphServer, type RunningServer } from '@sbor/kit';
import type { Database } from '@sbor/db';
import { OutboxRelay, registerOutboxMetrics, type Bus } from '@sbor/messaging';
import type { EventsSettings } from './config.js';
import type { EventsContext } from './context.js';
import { outbox } from './db/outbox.js';
import { Catalog } from './domain/catalog.js';
import { Categories } from './domain/categories.js';
import { OrganizerEvents } from './domain/organizer-events.js';
import { ReminderScheduler } from './domain/reminders.js';
import { registerInternalEventRoute } from './http/internal-events.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const EVENTS_SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

export interface EventsDeps {
  database: Database;
  /** Where the outbox relay publishes the facts: Kafka in full mode, the in-process bus embedded. */
  bus: Bus;
  logger: Logger;
  /** Verifies forwarded access tokens; defaults to the users service's JWKS at `settings.jwksUrl`. */
  verifyToken?: TokenVerifier;
}

export interface EventsService extends RunningServer {
  /** Exposed so tests and operators can run a pass now (`runOnce`) instead of waiting for the tick. */
  reminders: ReminderScheduler;
  relay: OutboxRelay;
}

/** Migrates, then serves the events subgraph, relays its outbox and schedules reminders. */
export async function startEventsService(settings: EventsSettings, deps: EventsDeps): Promise<EventsService> {
  const { database, bus, logger } = deps;
  await database.migrate({ migrationsFolder: MIGRATIONS, schema: 'events' });
  const relay = new OutboxRelay({ db: database.db, table: outbox, bus, logger, intervalMs: settings.outboxIntervalMs });
  const catalog = new Catalog(database.db);
  const categories = new Categories(database.db);
  const organizerEvents = new OrganizerEvents({ db: database.db, onFactsWritten: () => relay.wake() });
  const reminders = new ReminderScheduler({
    db: database.db,
    logger,
    intervalMs: settings.reminderIntervalMs,
    onFactsWritten: () => relay.wake(),
  });
  const verifyToken =
    deps.verifyToken ??
    createTokenVerifier({ keys: remoteKeySet(settings.jwksUrl), issuer: settings.issuer, audience: settings.audience });
  const schema = buildSubgraphSchema([{ typeDefs: parse(readFileSync(EVENTS_SCHEMA_PATH, 'utf8')), resolvers: resolvers as never }]);
  const metrics = createServiceMetrics('events');
  registerOutboxMetrics(metrics, () => relay.backlog());

  const server = await startSubgraphServer<EventsContext>(
    {
      name: 'events',
      schema,
      logger,
      routerSecret: settings.routerSecret,
      authenticate: verifyToken,
      context: (base) => ({ ...base, catalog, categories, organizerEvents, loaders: createLoaders(catalog, categories, base.viewer) }),
      introspection: !settings.production,
      ready: () => database.ping(),
      routes: (app) => registerInternalEventRoute(app, { routerSecret: settings.routerSecret, catalog, logger }),
      metrics,
    },
    settings.port,
    settings.host,
  );
  relay.start();
  reminders.start();

  return {
    ...server,
    reminders,
    relay,
    stop: async () => {
      await reminders.stop();
      await server.stop();
      // Last, so facts written by the final requests and reminder run still go out.
      await relay.stop();
    },
  };
}
