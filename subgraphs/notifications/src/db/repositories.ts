import type { Executor } from '@sbor/db';
import type { NotificationsRepositories } from '../domain/repositories.js';
import type { UserPreferences } from '../domain/preferences.js';
import type { PreferencesRow } from './preferences.js';
import { claimDueDeliveries, insertDeliveries, markDelivered, markUndeliverable, scheduleRetry } from './queries/deliveries.js';
import { findEvent, findEvents, rememberCancellation, rememberEvent } from './queries/events.js';
import {
  countUnread,
  findNotificationForDelivery,
  findNotifications,
  insertNotifications,
  latestSeq,
  listNotifications,
  listNotificationsAfter,
  markAllRead,
  markRead,
} from './queries/notifications.js';
import { findPreferences, savePreferences } from './queries/preferences.js';
import { deletePushSubscription, findPushSubscription, pushSubscriptionsOf, savePushSubscription } from './queries/push-subscriptions.js';
import { findHolder, holdersOfEvent, recordCancellation, recordCheckin, recordPurchases } from './queries/ticket-holders.js';
import { findUserContact, markUserEmailVerified, saveUserEmail } from './queries/user-contacts.js';
import { storeVapidKeysOnce } from './queries/vapid-keys.js';

const toPreferences = (row: PreferencesRow): UserPreferences => ({
  email: row.email,
  push: row.push,
  inApp: row.inApp,
  mutedTypes: row.mutedTypes,
});

/**
 * The notifications domain's repositories on PostgreSQL (or PGlite), each method one query or one
 * transaction. Given a transaction (the fact consumer's), everything they write commits with it.
 */
export function notificationsRepositories(db: Executor): NotificationsRepositories {
  return {
    notifications: {
      list: (userId, page) => listNotifications(db, userId, page),
      after: (userId, afterSeq, limit) => listNotificationsAfter(db, userId, afterSeq, limit),
      latestSeq: (userId) => latestSeq(db, userId),
      find: (userId, ids) => findNotifications(db, userId, ids),
      countUnread: (userId) => countUnread(db, userId),
      markRead: (userId, id) => markRead(db, userId, id),
      markAllRead: (userId) => markAllRead(db, userId),
      insert: (rows) => insertNotifications(db, rows),
      forDelivery: (id) => findNotificationForDelivery(db, id),
    },
    preferences: {
      of: async (userIds) => new Map((await findPreferences(db, userIds)).map((row) => [row.userId, toPreferences(row)])),
      update: (userId, change) =>
        db.transaction(async (tx) => {
          const [row] = await findPreferences(tx, [userId]);
          return toPreferences(await savePreferences(tx, userId, change(row && toPreferences(row))));
        }),
    },
    pushSubscriptions: {
      save: (subscription, limit) => savePushSubscription(db, subscription, limit),
      of: (userIds) => pushSubscriptionsOf(db, userIds),
      find: (id) => findPushSubscription(db, id),
      delete: (id) => deletePushSubscription(db, id),
    },
    deliveries: {
      insert: (rows) => insertDeliveries(db, rows),
      claimDue: (limit, leaseSeconds) => claimDueDeliveries(db, limit, leaseSeconds),
      markDelivered: (id) => markDelivered(db, id),
      scheduleRetry: (id, delayMs, error) => scheduleRetry(db, id, delayMs, error),
      markUndeliverable: (id, error) => markUndeliverable(db, id, error),
    },
    events: {
      remember: (details) => rememberEvent(db, details),
      rememberCancellation: (details) => rememberCancellation(db, details),
      find: (eventId) => findEvent(db, eventId),
      findMany: async (eventIds) => new Map((await findEvents(db, eventIds)).map((row) => [row.eventId, row])),
    },
    holders: {
      recordPurchases: (facts) => recordPurchases(db, facts),
      recordCheckin: (fact) => recordCheckin(db, fact),
      recordCancellation: (fact) => recordCancellation(db, fact),
      find: (ticketId) => findHolder(db, ticketId),
      ofEvent: (eventId, options) => holdersOfEvent(db, eventId, options),
    },
    contacts: {
      saveEmail: (userId, email, since) => saveUserEmail(db, userId, email, since),
      markVerified: (userId, at) => markUserEmailVerified(db, userId, at),
      of: (userId) => findUserContact(db, userId),
    },
    vapidKeys: { storeOnce: (candidate) => storeVapidKeysOnce(db, candidate) },
  };
}
