import { and, asc, count, desc, eq, gt, inArray, isNull, lt, max, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '@sbor/db';
import { notifications, type NewNotificationRow, type NotificationRow } from '../notifications.js';

/** Every read below is scoped to its owner and to in-app rows: the SQL itself keeps strangers out. */
const listed = (userId: string) => and(eq(notifications.userId, userId), eq(notifications.inApp, true));

/**
 * Inserts what is new; a row whose (user, source fact) exists already is skipped, not duplicated.
 * The rows travel as one JSON parameter, so a batch of any size is the same prepared statement,
 * and building it costs one `JSON.stringify` rather than a bound parameter per field (the fact
 * consumer stores a backlog's notifications in one call).
 */
export async function insertNotifications(db: Executor, rows: NewNotificationRow[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  const records = rows.map((r) => ({
    user_id: r.userId,
    type: r.type,
    title: r.title,
    body: r.body,
    event_id: r.eventId ?? null,
    ticket_id: r.ticketId ?? null,
    source_fact_id: r.sourceFactId,
    in_app: r.inApp ?? true,
  }));
  const result = await db.execute(sql`
    insert into ${notifications} (user_id, type, title, body, event_id, ticket_id, source_fact_id, in_app)
    select r.user_id, r.type, r.title, r.body, r.event_id, r.ticket_id, r.source_fact_id, r.in_app
    from rows from (jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as (
      user_id uuid, type notifications.notification_type, title text, body text, event_id uuid, ticket_id uuid,
      source_fact_id uuid, in_app boolean)) with ordinality as r(user_id, type, title, body, event_id, ticket_id, source_fact_id, in_app, n)
    -- In the order given, so seq (a user's list order) follows the facts' order.
    order by r.n
    on conflict (user_id, source_fact_id) do nothing
    returning *`);
  return rowsOf<StoredNotification>(result).map(fromStored);
}

/** A row as a raw statement returns it (PostgreSQL's names; `seq` is int8, which drivers hand back as text). */
interface StoredNotification {
  id: string;
  seq: number | string;
  user_id: string;
  type: NotificationRow['type'];
  title: string;
  body: string;
  event_id: string | null;
  ticket_id: string | null;
  source_fact_id: string;
  in_app: boolean;
  read_at: Date | string | null;
  created_at: Date | string;
}

const fromStored = (r: StoredNotification): NotificationRow => ({
  id: r.id,
  seq: Number(r.seq),
  userId: r.user_id,
  type: r.type,
  title: r.title,
  body: r.body,
  eventId: r.event_id,
  ticketId: r.ticket_id,
  sourceFactId: r.source_fact_id,
  inApp: r.in_app,
  readAt: r.read_at === null ? null : new Date(r.read_at),
  createdAt: new Date(r.created_at),
});

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

/** The user's notifications inserted after `afterSeq`, oldest first: what a live subscriber missed. */
export async function listNotificationsAfter(db: Executor, userId: string, afterSeq: number, limit: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(listed(userId), gt(notifications.seq, afterSeq)))
    .orderBy(asc(notifications.seq))
    .limit(limit);
}

/** The seq of the user's newest notification, 0 when there is none. */
export async function latestSeq(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ seq: max(notifications.seq) })
    .from(notifications)
    .where(listed(userId));
  return Number(row?.seq ?? 0);
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
