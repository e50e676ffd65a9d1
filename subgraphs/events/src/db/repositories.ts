import type { Db, Tx } from '@sbor/db';
import { enqueue } from '@sbor/messaging';
import type { EventsRepositories, LockedEvent, ReminderRun } from '../domain/repositories.js';
import { eventCancelledFact, eventPublishedFact, eventReminderFact } from '../messaging/facts.js';
import { outbox } from './outbox.js';
import {
  categoryExists,
  categoryInUse,
  deleteCategory,
  editOwnCategory,
  findCategoriesByIds,
  insertCategoryWithin,
  listCategories,
  lockOwnCategory,
} from './queries/categories.js';
import {
  findEventById,
  findVisibleEvents,
  insertEvent,
  listOwnEvents,
  listPublishedEvents,
  lockOwnEvent,
  updateEvent,
} from './queries/events.js';
import { claimDueReminders, dropPendingReminders, insertReminders, markReminders } from './queries/reminders.js';
import { countItemsOutside, replaceSchedule, schedulesOf } from './queries/schedule.js';

/** The events domain's repositories on PostgreSQL (or PGlite): each method one query or one transaction. */
export function eventsRepositories(db: Db): EventsRepositories {
  return {
    events: {
      insert: (values) => insertEvent(db, values),
      withOwnEvent: (id, organizerId, work) =>
        db.transaction(async (tx) => {
          const event = await lockOwnEvent(tx, id, organizerId);
          return work(event, lockedEvent(tx, id));
        }),
      findById: (id) => findEventById(db, id),
      visibleTo: (ids, viewerId) => findVisibleEvents(db, ids, viewerId),
      ownedBy: (organizerId, status) => listOwnEvents(db, organizerId, status),
      listPublished: (listing) => listPublishedEvents(db, listing),
      schedules: (eventIds) => schedulesOf(db, eventIds),
    },
    categories: {
      insert: (values, limit) => insertCategoryWithin(db, values, limit),
      editOwn: (id, createdBy, changes) => editOwnCategory(db, id, createdBy, changes),
      withOwnCategory: (id, createdBy, work) =>
        db.transaction(async (tx) => {
          const category = await lockOwnCategory(tx, id, createdBy);
          return work(category, { usedByEvents: () => categoryInUse(tx, id), remove: () => deleteCategory(tx, id) });
        }),
      list: () => listCategories(db),
      byIds: (ids) => findCategoriesByIds(db, ids),
      exists: (id) => categoryExists(db, id),
    },
    reminders: {
      handleDue: (limit) => db.transaction((tx) => handleDueReminders(tx, limit)),
    },
  };
}

/** Everything done to a locked event runs on the transaction holding the lock, facts included. */
function lockedEvent(tx: Tx, id: string): LockedEvent {
  return {
    categoryExists: (categoryId) => categoryExists(tx, categoryId),
    countItemsOutside: ({ startsAt, endsAt }) => countItemsOutside(tx, id, startsAt, endsAt),
    edit: (changes) => updateEvent(tx, id, changes),
    replaceSchedule: (items) => replaceSchedule(tx, id, items),
    publish: async (at, planned) => {
      const published = await updateEvent(tx, id, { status: 'PUBLISHED', publishedAt: at });
      await insertReminders(tx, id, planned);
      await enqueue(tx, outbox, eventPublishedFact(published), id);
      return published;
    },
    cancel: async (at, reason) => {
      const cancelled = await updateEvent(tx, id, { status: 'CANCELLED', cancelledAt: at, cancellationReason: reason });
      await dropPendingReminders(tx, id);
      await enqueue(tx, outbox, eventCancelledFact(cancelled), id);
      return cancelled;
    },
  };
}

/** Claims with `FOR UPDATE SKIP LOCKED`, writes the facts and marks the rows, all in `tx`. */
async function handleDueReminders(tx: Tx, limit: number): Promise<ReminderRun> {
  const claimed = await claimDueReminders(tx, limit);
  const sent: string[] = [];
  const skipped: string[] = [];
  for (const reminder of claimed) {
    if (reminder.stale) {
      skipped.push(reminder.id);
      continue;
    }
    await enqueue(tx, outbox, eventReminderFact(reminder), reminder.eventId);
    sent.push(reminder.id);
  }
  await markReminders(tx, { sent, skipped });
  return { sent: sent.length, skipped: skipped.length };
}
