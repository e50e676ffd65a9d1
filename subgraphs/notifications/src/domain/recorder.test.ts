import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { inMemoryNotificationsRepositories } from './in-memory.js';
import type { NotificationType } from './notification.js';
import { applyPreferencesChange, DEFAULT_PREFERENCES, type PreferencesChange } from './preferences.js';
import { recordNotifications, type NotificationDraft } from './recorder.js';

let repositories: ReturnType<typeof inMemoryNotificationsRepositories>;
beforeEach(() => {
  repositories = inMemoryNotificationsRepositories();
});

const draft = (userId: string, type: NotificationType = 'TICKET_PURCHASED', sourceFactId: string = randomUUID()): NotificationDraft => ({
  userId,
  type,
  title: 'Your ticket for Jazz Night',
  body: 'Confirmed.',
  eventId: randomUUID(),
  ticketId: null,
  sourceFactId,
});

const prefer = (userId: string, change: PreferencesChange) =>
  repositories.preferences.update(userId, (current) => applyPreferencesChange(current ?? DEFAULT_PREFERENCES, change));

const withEmail = { email: true };
const stored = (userId: string) => repositories.memory.notifications.filter((n) => n.userId === userId);
const deliveriesOf = (userId: string) => {
  const ids = new Set(stored(userId).map((n) => n.id));
  return repositories.memory.deliveries.filter((d) => ids.has(d.notificationId)).map((d) => d.channel);
};

describe('recordNotifications', () => {
  it('stores one notification per draft, in-app and by email by default, and says who to refresh and what goes live', async () => {
    const [ann, bob] = [randomUUID(), randomUUID()];

    const recorded = await recordNotifications(repositories, [draft(ann), draft(bob)], withEmail);

    expect(recorded.inApp.map((n) => n.userId)).toEqual([ann, bob]);
    expect(recorded.userIds).toEqual([ann, bob]);
    expect(recorded.deliveries).toBe(2);
    expect(deliveriesOf(ann)).toEqual(['EMAIL']);
  });

  it('stores nothing at all for a type the user muted', async () => {
    const userId = randomUUID();
    await prefer(userId, { mutedTypes: ['EVENT_REMINDER'] });

    const recorded = await recordNotifications(
      repositories,
      [draft(userId, 'EVENT_REMINDER'), draft(userId, 'EVENT_CANCELLED')],
      withEmail,
    );

    expect(stored(userId).map((n) => n.type)).toEqual(['EVENT_CANCELLED']);
    expect(recorded.inApp.map((n) => n.type)).toEqual(['EVENT_CANCELLED']);
  });

  it('with in-app off keeps the row hidden and out of the live channel, and still emails it', async () => {
    const userId = randomUUID();
    await prefer(userId, { inApp: false });

    const recorded = await recordNotifications(repositories, [draft(userId)], withEmail);

    expect(stored(userId).map((n) => n.inApp)).toEqual([false]);
    expect(recorded.inApp).toEqual([]);
    expect(recorded.userIds).toEqual([userId]);
    expect(deliveriesOf(userId)).toEqual(['EMAIL']);
  });

  it('pushes to every browser the user registered, only when push is on', async () => {
    const [pusher, quiet] = [randomUUID(), randomUUID()];
    for (const [userId, n] of [
      [pusher, 1],
      [pusher, 2],
      [quiet, 3],
    ] as const) {
      await repositories.pushSubscriptions.save({ userId, endpoint: `https://push.example.com/${n}`, p256dh: 'k', auth: 'a' }, 10);
    }
    await prefer(pusher, { push: true, email: false });

    await recordNotifications(repositories, [draft(pusher), draft(quiet)], withEmail);

    expect(deliveriesOf(pusher)).toEqual(['PUSH', 'PUSH']);
    expect(deliveriesOf(quiet)).toEqual(['EMAIL']);
  });

  it('queues no email when this deployment cannot send any', async () => {
    const userId = randomUUID();

    const recorded = await recordNotifications(repositories, [draft(userId)], { email: false });

    expect(stored(userId)).toHaveLength(1);
    expect(recorded.deliveries).toBe(0);
  });

  it('never stores the same fact twice for one user, and a repeat announces nothing', async () => {
    const userId = randomUUID();
    const fact = randomUUID();
    await recordNotifications(repositories, [draft(userId, 'TICKET_PURCHASED', fact)], withEmail);

    const again = await recordNotifications(repositories, [draft(userId, 'TICKET_PURCHASED', fact)], withEmail);

    expect(stored(userId)).toHaveLength(1);
    expect(deliveriesOf(userId)).toEqual(['EMAIL']);
    expect(again).toEqual({ inApp: [], userIds: [], deliveries: 0 });
  });
});
