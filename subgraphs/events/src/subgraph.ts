import { fileURLToPath } from 'node:url';
import { defineSubgraph, outboxRelayPart, serviceOutboxRelay, type Part } from '@sbor/kit';
import { eventsSettings } from './config.js';
import type { EventsContext } from './context.js';
import { outbox } from './db/outbox.js';
import { eventsRepositories } from './db/repositories.js';
import { Catalog } from './domain/catalog.js';
import { Categories } from './domain/categories.js';
import { OrganizerEvents } from './domain/organizer-events.js';
import { ReminderScheduler } from './domain/reminders.js';
import { registerInternalEventRoute } from './http/internal-events.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/**
 * The events subgraph: events and their lifecycle, categories, schedules and reminders. Besides
 * /graphql it serves the internal read the tickets service checks a sale against, relays its
 * outbox and sends reminders.
 */
export const eventsSubgraph = defineSubgraph({
  name: 'events',
  schema: fileURLToPath(new URL('../schema.graphql', import.meta.url)),
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: eventsSettings,
  usesCache: false,
  resolvers,
  setup({ settings, infra, metrics }) {
    const { db } = infra.database;
    const repositories = eventsRepositories(db);
    const relay = serviceOutboxRelay(outbox, infra, settings, metrics);
    const onFactsWritten = () => relay.wake();
    return {
      relay,
      catalog: new Catalog(repositories.events),
      categories: new Categories(repositories.categories, settings.limits.categoriesPerOrganizer),
      organizerEvents: new OrganizerEvents(repositories, { onFactsWritten }),
      /** Exposed so tests and operators can run a pass now (`runOnce`) instead of waiting for the tick. */
      reminders: new ReminderScheduler(repositories.reminders, {
        logger: infra.logger,
        intervalMs: settings.reminderIntervalMs,
        onFactsWritten,
      }),
    };
  },
  // The relay first, so it stops last: the facts of the last requests and reminder run still go out.
  parts: (domain) => [outboxRelayPart(domain.relay), reminderSchedulerPart(domain.reminders)],
  context: (domain, base): EventsContext => ({
    ...base,
    catalog: domain.catalog,
    categories: domain.categories,
    organizerEvents: domain.organizerEvents,
    loaders: createLoaders(domain.catalog, domain.categories, base.viewer),
  }),
  routes:
    (domain, { settings, infra }) =>
    (app) =>
      registerInternalEventRoute(app, { routerSecret: settings.routerSecret, catalog: domain.catalog, logger: infra.logger }),
});

/** What `setup` builds: `RunningSubgraph.domain` of a started events service. */
export type EventsDomain = Awaited<ReturnType<typeof eventsSubgraph.setup>>;

/** The reminder loop as a part; stopping waits for a run in progress to commit or roll back. */
function reminderSchedulerPart(reminders: ReminderScheduler): Part {
  return {
    name: 'reminder scheduler',
    start: () => {
      reminders.start();
      return () => reminders.stop();
    },
  };
}
