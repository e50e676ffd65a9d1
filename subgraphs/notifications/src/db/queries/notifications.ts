import { and, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import { notifications, type NewNotificationRow, type NotificationRow } from '../notifications.js';

/** Every read below is scoped to its owner and to in-app rows: the SQL itself keeps strangers out. */
const listed = (userId: string) => and(eq(notifications.userId, userId), eq(notifications.inApp, true));

/** Inserts what is new; a row whose (user, source fact) exists already is skipped, not duplicated. */
export async function insertNotifications(db: Executor, rows: NewNotificationRow[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: [notifications.userId, notifications.sourceFactId] })
    .returning();
}

export async function listNotifications(
  db: Executor,
  userId: string,
  options: { limit: number; afterSeq?: number; unreadOnly: boolean },
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        listed(userId),
        options.afterSeq === undefined ? undefined : lt(notifications.seq, options.afterSeq),
        options.unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.seq))
    .limit(options.limit);
}

export async function findNotifications(db: Executor, userId: string, ids: readonly string[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(notifications)
    .where(and(listed(userId), inArray(notifications.id, [...ids])));
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(listed(userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one read (keeping the first read time); undefined when it is not the user's. */
export async function markRead(db: Executor, userId: string, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(listed(userId), eq(notifications.id, id)))
    .returning();
  return row;
}

export async function markAllRead(db: Executor, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(listed(userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Unscoped, for the delivery worker only: it sends a notification to its own recipient. */
export async function findNotificationForDelivery(db: Executor, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}
