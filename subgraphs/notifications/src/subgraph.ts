import { fileURLToPath } from 'node:url';
import { consumerPart, defineSubgraph, type Part } from '@sbor/kit';
import { pipelineMetrics, registerConsumerLagMetrics } from '@sbor/messaging';
import { notificationsSettings } from './config.js';
import { notificationsRetentionPart } from './db/queries/retention.js';
import type { NotificationsContext } from './context.js';
import { notificationsRepositories } from './db/repositories.js';
import { createOwners } from './clients/owners.js';
import { createTicketsClient } from './clients/tickets.js';
import { createMailer, type Mailer } from './delivery/email.js';
import { createPushSender, resolveVapidKeys } from './delivery/push.js';
import { PUBLIC_INTERNET, pushEndpointAllowed } from './delivery/push-network.js';
import { createDeliveryWorker, type DeliveryWorker } from './delivery/worker.js';
import { LiveNotifications } from './domain/live.js';
import { NotificationCache } from './domain/notification-cache.js';
import { Notifications } from './domain/notifications.js';
import { Preferences } from './domain/preferences.js';
import { notificationLoader } from './loaders.js';
import { announcer, liveActivity } from './messaging/announce.js';
import { factChecker } from './messaging/check-facts.js';
import { startFactConsumer, type CommittedFacts } from './messaging/consumer.js';
import { resolvers } from './resolvers/index.js';

/**
 * The notifications subgraph: Kafka facts become notifications, stored, cached, pushed live over
 * graphql-ws on the same port, and sent by email and web push through the deliveries outbox.
 */
export const notificationsSubgraph = defineSubgraph({
  name: 'notifications',
  schema: fileURLToPath(new URL('../schema.graphql', import.meta.url)),
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: notificationsSettings,
  usesCache: true,
  webSocket: true,
  resolvers,
  async setup({ settings, infra, metrics }) {
    if (settings.pushNetwork !== PUBLIC_INTERNET && settings.production)
      throw new Error('a widened push network is for tests, not production');
    const { db } = infra.database;
    const { logger } = infra;
    const repositories = notificationsRepositories(db);
    const vapid = await resolveVapidKeys(repositories.vapidKeys, settings.vapid);
    const mailer = settings.email.kind === 'smtp' ? createMailer(settings.email) : undefined;
    if (!mailer) logger.info('email channel disabled: SMTP_URL is not set');
    registerConsumerLagMetrics(metrics, infra.bus, () => [settings.consumer.groupId]);
    const cache = new NotificationCache(infra.cache, logger, settings.cacheTtlSeconds);
    const live = new LiveNotifications(infra.cache, logger);
    const activity = liveActivity();
    const worker = createDeliveryWorker({
      repositories,
      logger,
      mailer,
      tickets: createTicketsClient({ ...settings.tickets, routerSecret: settings.routerSecret }),
      push: createPushSender(vapid, { network: settings.pushNetwork }),
      ...settings.delivery,
      liveBusy: activity.busy,
    });
    const announceCommitted = announcer(
      {
        invalidate: (userIds) => cache.invalidate(userIds),
        publish: (notifications) => live.publish(notifications),
        nudge: () => worker.nudge(),
      },
      metrics,
    );
    /** After a consumer transaction committed: fresh caches, the live channel, and the sends it queued. */
    const announce = (committed: CommittedFacts) => {
      activity.touch();
      return announceCommitted(committed);
    };
    return {
      pipeline: pipelineMetrics(metrics),
      db,
      mailer,
      worker,
      live,
      announce,
      notifications: new Notifications(repositories.notifications, cache),
      preferences: new Preferences(repositories, {
        vapidPublicKey: vapid.publicKey,
        maxPushSubscriptionsPerUser: settings.maxPushSubscriptionsPerUser,
        pushEndpointAllowed: (endpoint) => pushEndpointAllowed(endpoint, settings.pushNetwork),
      }),
    };
  },
  // Stopped in reverse: the consumer first, so nothing new is queued for a worker that is stopping.
  parts: (domain, { settings, infra }) => [
    deliveryWorkerPart(domain.worker),
    notificationsRetentionPart(domain.db, infra.logger, settings.retention),
    ...(domain.mailer ? [mailerPart(domain.mailer)] : []),
    consumerPart('fact consumer', () =>
      startFactConsumer({
        bus: infra.bus,
        db: domain.db,
        ...settings.consumer,
        available: { email: domain.mailer !== undefined },
        logger: infra.logger,
        afterCommit: domain.announce,
        metrics: domain.pipeline,
        check: factChecker(
          createOwners({
            events: { ...settings.owners.events, routerSecret: settings.routerSecret },
            users: { ...settings.owners.users, routerSecret: settings.routerSecret },
          }),
        ),
      }),
    ),
  ],
  context: (domain, base): NotificationsContext => ({
    ...base,
    notifications: domain.notifications,
    preferences: domain.preferences,
    live: domain.live,
    notificationById: notificationLoader(domain.notifications, base.viewer),
  }),
});

const deliveryWorkerPart = (worker: DeliveryWorker): Part => ({
  name: 'delivery worker',
  start: () => {
    worker.start();
    return () => worker.stop();
  },
});

/** Nothing to start (a transport connects per send); closing it ends pooled SMTP connections. */
const mailerPart = (mailer: Mailer): Part => ({
  name: 'mailer',
  start: () => async () => mailer.close(),
});
