import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import DataLoader from 'dataloader';
import { parse } from 'graphql';
import { createTokenVerifier, remoteKeySet } from '@sbor/auth';
import type { Cache } from '@sbor/cache';
import { createServiceMetrics, websocketMetrics, type BaseContext, type Logger } from '@sbor/core';
import { startSubgraphServer, type RunningServer } from '@sbor/kit';
import type { Database } from '@sbor/db';
import { registerConsumerLagMetrics, type Bus } from '@sbor/messaging';
import type { NotificationsSettings } from './config.js';
import type { NotificationsContext } from './context.js';
import { createMailer } from './delivery/email.js';
import { createPushSender, resolveVapidKeys } from './delivery/push.js';
import { startDeliveryWorker } from './delivery/worker.js';
import { LiveNotifications } from './domain/live.js';
import type { Notification } from './domain/notification.js';
import { NotificationCache } from './domain/notification-cache.js';
import { Notifications } from './domain/notifications.js';
import { NotificationSettings } from './domain/settings.js';

import { startFactConsumer } from './messaging/consumer.js';
import { serveGraphqlWs } from './live/websocket.js';
import { resolvers } from './resolvers/index.js';

export const NOTIFICATIONS_SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

export interface NotificationsDeps {
  database: Database;
  /** Redis in full mode (so every replica shares the cache and the live channel), in-process otherwise. */
  cache: Cache;
  /** Kafka in full mode, the in-process bus in embedded mode. */
  bus: Bus;
  logger: Logger;
}

/**
 * Migrates, then runs the whole service: the fact consumer, the email/push delivery worker and
 * the subgraph over HTTP and graphql-ws on one port. `stop()` stops all of them.
 */
export async function startNotificationsService(settings: NotificationsSettings, deps: NotificationsDeps): Promise<RunningServer> {
  const { database, cache, bus, logger } = deps;
  const db = database.db;
  await database.migrate({ migrationsFolder: MIGRATIONS, schema: 'notifications' });

  const vapid = await resolveVapidKeys(db, settings.vapid);
  const mailer = settings.email.kind === 'smtp' ? createMailer(settings.email) : undefined;
  if (!mailer) logger.info('email channel disabled: SMTP_URL is not set');
  const notificationCache = new NotificationCache(cache, logger, settings.cacheTtlSeconds);
  const live = new LiveNotifications(cache, logger);
  const notifications = new Notifications(db, notificationCache);
  const notificationSettings = new NotificationSettings(db, { production: settings.production, vapidPublicKey: vapid.publicKey });
  const verify = createTokenVerifier({ keys: remoteKeySet(settings.jwksUrl), issuer: settings.issuer, audience: settings.audience });

  const metrics = createServiceMetrics('notifications');
  registerConsumerLagMetrics(metrics, bus, () => [settings.consumer.groupId]);
  const sockets = websocketMetrics(metrics);

  const worker = startDeliveryWorker({ db, logger, mailer, push: createPushSender(vapid), ...settings.delivery });
  const stops: (() => Promise<unknown>)[] = [worker.stop, async () => mailer?.close()];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => logger.warn({ err }, 'stop failed'));
  };

  try {
    const consumer = await startFactConsumer({
      bus,
      db,
      ...settings.consumer,
      available: { email: mailer !== undefined },
      logger,
      afterCommit: async (recorded) => {
        await notificationCache.invalidate(recorded.userIds);
        await live.publish(recorded.inApp);
        if (recorded.deliveries > 0) worker.nudge();
      },
    });
    stops.push(consumer.stop);

    const contextFor = (base: BaseContext & { logger: Logger }): NotificationsContext => ({
      ...base,
      notifications,
      settings: notificationSettings,
      live,
      notificationById: new DataLoader<string, Notification | null>(async (ids) => {
        if (!base.viewer) return ids.map(() => null);
        const found = await notifications.byIds(base.viewer.userId, ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
    });
    const schema = buildSubgraphSchema([{ typeDefs: parse(readFileSync(NOTIFICATIONS_SCHEMA_PATH, 'utf8')), resolvers: resolvers as never }]);
    const server = await startSubgraphServer<NotificationsContext>(
      {
        name: 'notifications',
        schema,
        logger,
        routerSecret: settings.routerSecret,
        authenticate: verify,
        context: contextFor,
        introspection: !settings.production,
        ready: () => database.ping(),
        metrics,
      },
      settings.port,
      settings.host,
    );
    stops.push(server.stop);
    const ws = serveGraphqlWs({
      httpServer: server.httpServer,
      schema,
      logger,
      routerSecret: settings.routerSecret,
      verify,
      context: (viewer, requestId) => contextFor({ viewer, requestId, clientIp: undefined, logger: logger.child({ requestId }) }),
      sockets,
    });
    // Sockets close before Apollo drains HTTP, so open subscriptions do not hold the drain up.
    stops.push(ws.close);
    return { ...server, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
