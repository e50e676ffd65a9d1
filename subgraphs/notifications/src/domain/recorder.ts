import type { Tx } from '@sbor/db';
import { insertDeliveries, type NewDelivery } from '../db/queries/deliveries.js';
import { insertNotifications } from '../db/queries/notifications.js';
import { findPreferences } from '../db/queries/preferences.js';
import { pushSubscriptionsOf } from '../db/queries/push-subscriptions.js';
import type { NewNotificationRow } from '../db/notifications.js';
import { toNotification, type Notification, type NotificationType } from './notification.js';
import { DEFAULT_PREFERENCES, planChannels, type Preferences } from './preferences.js';
import type { NotificationText } from './texts.js';

/** One notification a fact asks for, before preferences decide where (and whether) it goes. */
export interface NotificationDraft extends NotificationText {
  userId: string;
  type: NotificationType;
  eventId: string | null;
  ticketId: string | null;
  /** The fact it comes from: (user, source) is unique, which makes replays harmless. */
  sourceFactId: string;
}

/** What committed: in-app ones go live, every user listed gets their cache refreshed. */
export interface Recorded {
  inApp: Notification[];
  userIds: string[];
  deliveries: number;
}

/** Big events are written in slices, so one statement never carries thousands of rows. */
const BATCH = 500;

async function preferencesOf(tx: Tx, userIds: string[]): Promise<Map<string, Preferences>> {
  const rows = await findPreferences(tx, userIds);
  return new Map(rows.map((r) => [r.userId, { email: r.email, push: r.push, inApp: r.inApp, mutedTypes: r.mutedTypes }]));
}

/**
 * Applies preferences and stores the notifications and their email/push deliveries in the
 * caller's transaction (the consumer's, with its inbox row). Nothing leaves the process here:
 * live publishing, cache refresh and sending happen after commit. With no SMTP server
 * configured (`available.email` false) no email deliveries are queued at all.
 */
export async function recordNotifications(
  tx: Tx,
  drafts: readonly NotificationDraft[],
  available: { email: boolean } = { email: true },
): Promise<Recorded> {
  const recorded: Recorded = { inApp: [], userIds: [], deliveries: 0 };
  for (let start = 0; start < drafts.length; start += BATCH) {
    const slice = drafts.slice(start, start + BATCH);
    const userIds = [...new Set(slice.map((d) => d.userId))];
    const prefs = await preferencesOf(tx, userIds);
    const planned = slice.flatMap((draft) => {
      const plan = planChannels(prefs.get(draft.userId) ?? DEFAULT_PREFERENCES, draft.type);
      return plan ? [{ draft, plan }] : [];
    });
    const rows: NewNotificationRow[] = planned.map(({ draft, plan }) => ({ ...draft, inApp: plan.inApp }));
    const inserted = await insertNotifications(tx, rows);
    const pushUsers = planned.filter((p) => p.plan.push).map((p) => p.draft.userId);
    const browsers = await pushSubscriptionsOf(tx, pushUsers);
    const planOf = new Map(planned.map(({ draft, plan }) => [`${draft.userId}/${draft.sourceFactId}`, plan]));
    const deliveries: NewDelivery[] = [];
    for (const row of inserted) {
      const plan = planOf.get(`${row.userId}/${row.sourceFactId}`)!;
      if (plan.email && available.email) deliveries.push({ notificationId: row.id, channel: 'EMAIL' });
      if (plan.push) {
        for (const browser of browsers.filter((b) => b.userId === row.userId)) {
          deliveries.push({ notificationId: row.id, channel: 'PUSH', pushSubscriptionId: browser.id });
        }
      }
      if (row.inApp) recorded.inApp.push(toNotification(row));
      recorded.userIds.push(row.userId);
    }
    await insertDeliveries(tx, deliveries);
    recorded.deliveries += deliveries.length;
  }
  return recorded;
}
