import { toNotification, type Notification, type NotificationType } from './notification.js';
import { DEFAULT_PREFERENCES, planChannels } from './preferences.js';
import type { NewDelivery, NewNotificationRow, NotificationsRepositories } from './repositories.js';
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

/** The channels this deployment can send on; email needs an SMTP server. */
export interface AvailableChannels {
  email: boolean;
}

export type RecordingRepositories = Pick<NotificationsRepositories, 'preferences' | 'pushSubscriptions' | 'notifications' | 'deliveries'>;

/** Big events are written in slices, so one statement never carries thousands of rows. */
const BATCH = 500;

/**
 * Applies preferences and stores the notifications and their email/push deliveries through
 * repositories bound to the caller's transaction (the consumer's, with its inbox row). Nothing
 * leaves the process here: live publishing, cache refresh and sending happen after commit. With
 * no SMTP server configured (`available.email` false) no email deliveries are queued at all.
 */
export async function recordNotifications(
  repositories: RecordingRepositories,
  drafts: readonly NotificationDraft[],
  available: AvailableChannels,
): Promise<Recorded> {
  const recorded: Recorded = { inApp: [], userIds: [], deliveries: 0 };
  for (let start = 0; start < drafts.length; start += BATCH) {
    const slice = drafts.slice(start, start + BATCH);
    const prefs = await repositories.preferences.of([...new Set(slice.map((d) => d.userId))]);
    const planned = slice.flatMap((draft) => {
      const plan = planChannels(prefs.get(draft.userId) ?? DEFAULT_PREFERENCES, draft.type);
      return plan ? [{ draft, plan }] : [];
    });
    const rows: NewNotificationRow[] = planned.map(({ draft, plan }) => ({ ...draft, inApp: plan.inApp }));
    const inserted = await repositories.notifications.insert(rows);
    const browsers = await repositories.pushSubscriptions.of(planned.filter((p) => p.plan.push).map((p) => p.draft.userId));
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
    await repositories.deliveries.insert(deliveries);
    recorded.deliveries += deliveries.length;
  }
  return recorded;
}
