/**
 * The events repositories in memory, for spec tests of the domain without a database. They keep
 * what the SQL keeps true: the status as of the clock (a published event whose end has passed
 * reads COMPLETED), changes scoped by owner, unique slugs, one unit of work per event at a time
 * (the row lock) that keeps nothing when it fails, and each reminder claimed once.
 */
import { randomUUID } from 'node:crypto';
import { outboxRow } from '@sbor/messaging';
import { eventCancelledFact, eventPublishedFact, eventReminderFact } from '../messaging/facts.js';
import type { CategoryView, EventStatus, EventView, ScheduleItemView } from './model.js';
import type {
  CategoryRepository,
  EventRepository,
  EventsRepositories,
  LockedEvent,
  PlannedReminder,
  PublicListing,
  ReminderRepository,
  ReminderRun,
} from './repositories.js';

/** COMPLETED is never stored: it is read from the clock. */
export type StoredEvent = Omit<EventView, 'status'> & { status: Exclude<EventStatus, 'COMPLETED'> };

export interface StoredReminder extends PlannedReminder {
  id: string;
  eventId: string;
  sentAt: Date | null;
  skippedAt: Date | null;
}

export type StoredCategory = CategoryView & { createdBy: string };

export interface EventsMemory {
  events: Map<string, StoredEvent>;
  categories: Map<string, StoredCategory>;
  /** Each event's programme, in the organizer's order. */
  schedules: Map<string, ScheduleItemView[]>;
  reminders: StoredReminder[];
  /** What was written to the outbox, in order. */
  outbox: ReturnType<typeof outboxRow>[];
}

/** `now` is the clock every status and due time is read against: tests move it. */
export function inMemoryEventsRepositories(now: () => Date = () => new Date()): EventsRepositories & { memory: EventsMemory } {
  const memory: EventsMemory = { events: new Map(), categories: new Map(), schedules: new Map(), reminders: [], outbox: [] };
  const view = (event: StoredEvent): EventView => ({
    ...event,
    status: event.status === 'PUBLISHED' && event.endsAt.getTime() <= now().getTime() ? 'COMPLETED' : event.status,
  });
  return {
    memory,
    events: eventRepository(memory, view),
    categories: categoryRepository(memory),
    reminders: reminderRepository(memory, now),
  };
}

function categoryRepository(memory: EventsMemory): CategoryRepository {
  const view = ({ id, name, slug }: StoredCategory): CategoryView => ({ id, name, slug });
  const own = (id: string, createdBy: string) => {
    const stored = memory.categories.get(id);
    return stored?.createdBy === createdBy ? stored : undefined;
  };
  const slugTaken = (slug: string, exceptId?: string) => [...memory.categories.values()].some((c) => c.slug === slug && c.id !== exceptId);
  return {
    insert: async ({ name, slug, createdBy }, limit) => {
      if ([...memory.categories.values()].filter((c) => c.createdBy === createdBy).length >= limit) return 'LIMIT_REACHED';
      if (slugTaken(slug)) return undefined;
      const category = { id: randomUUID(), name, slug, createdBy };
      memory.categories.set(category.id, category);
      return view(category);
    },
    editOwn: async (id, createdBy, changes) => {
      const stored = own(id, createdBy);
      if (!stored) return undefined;
      if (changes.slug !== undefined && slugTaken(changes.slug, id)) return 'SLUG_TAKEN';
      const edited = { ...stored, ...changes };
      memory.categories.set(id, edited);
      return view(edited);
    },
    // Like the transaction: the removal is kept only when `work` succeeds.
    withOwnCategory: async (id, createdBy, work) => {
      const stored = own(id, createdBy);
      let removed = false;
      const result = await work(stored && view(stored), {
        usedByEvents: async () => [...memory.events.values()].some((e) => e.categoryId === id),
        remove: async () => {
          removed = true;
        },
      });
      if (removed) memory.categories.delete(id);
      return result;
    },
    list: async () => [...memory.categories.values()].map(view).sort((a, b) => byText(a.name, b.name) || byText(a.slug, b.slug)),
    byIds: async (ids) => [...new Set(ids)].flatMap((id) => memory.categories.get(id) ?? []).map(view),
    exists: async (id) => memory.categories.has(id),
  };
}

function eventRepository(memory: EventsMemory, view: (event: StoredEvent) => EventView): EventRepository {
  const all = () => [...memory.events.values()].map(view);
  const locks = new Map<string, Promise<unknown>>();
  return {
    insert: async (values) => {
      const event: StoredEvent = {
        id: randomUUID(),
        ...values,
        status: 'DRAFT',
        publishedAt: null,
        cancelledAt: null,
        cancellationReason: null,
      };
      memory.events.set(event.id, event);
      return view(event);
    },
    withOwnEvent: (id, organizerId, work) => {
      // Like the row lock: a second unit of work on the event waits until the first one ended.
      const run = (locks.get(id) ?? Promise.resolve()).then(async () => {
        const stored = memory.events.get(id);
        const own = stored?.organizerId === organizerId ? stored : undefined;
        const unit = unitOfWork(memory, view, id, own);
        const result = await work(own && view(own), unit.locked);
        unit.commit();
        return result;
      });
      locks.set(
        id,
        run.catch(() => undefined),
      );
      return run;
    },
    findById: async (id) => {
      const event = memory.events.get(id);
      return event && view(event);
    },
    visibleTo: async (ids, viewerId) =>
      [...new Set(ids)]
        .flatMap((id) => memory.events.get(id) ?? [])
        .filter((e) => e.status !== 'DRAFT' || e.organizerId === viewerId)
        .map(view),
    ownedBy: async (organizerId, status) =>
      all()
        .filter((e) => e.organizerId === organizerId && (!status || e.status === status))
        .sort(byStart),
    listPublished: async (listing) =>
      all()
        .filter((e) => e.status === 'PUBLISHED' && listed(e, listing))
        .sort(byStart)
        .slice(0, listing.limit),
    schedules: async (eventIds) =>
      new Map(
        eventIds.map((id) => [id, [...(memory.schedules.get(id) ?? [])].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())]),
      ),
  };
}

/** What a transaction holding the event's lock does: staged, and kept only by `commit`. */
function unitOfWork(memory: EventsMemory, view: (event: StoredEvent) => EventView, id: string, stored: StoredEvent | undefined) {
  let event = stored;
  let schedule: ScheduleItemView[] | undefined;
  let dropPendingReminders = false;
  const planned: PlannedReminder[] = [];
  const facts: EventsMemory['outbox'] = [];
  const change = (changes: Partial<StoredEvent>) => {
    event = { ...event!, ...changes };
    return view(event);
  };
  const locked: LockedEvent = {
    categoryExists: async (categoryId) => memory.categories.has(categoryId),
    countItemsOutside: async ({ startsAt, endsAt }) =>
      (schedule ?? memory.schedules.get(id) ?? []).filter(
        (i) => i.startsAt.getTime() < startsAt.getTime() || i.endsAt.getTime() > endsAt.getTime(),
      ).length,
    edit: async (changes) => change(changes),
    replaceSchedule: async (items) => {
      schedule = items.map((item) => ({ id: randomUUID(), ...item }));
    },
    publish: async (at, reminders) => {
      const published = change({ status: 'PUBLISHED', publishedAt: at });
      planned.push(...reminders);
      facts.push(outboxRow(eventPublishedFact(published), id));
      return published;
    },
    cancel: async (at, reason) => {
      const cancelled = change({ status: 'CANCELLED', cancelledAt: at, cancellationReason: reason });
      dropPendingReminders = true;
      facts.push(outboxRow(eventCancelledFact(cancelled), id));
      return cancelled;
    },
  };
  const commit = () => {
    if (event) memory.events.set(id, event);
    if (schedule) memory.schedules.set(id, schedule);
    if (dropPendingReminders) removeWhere(memory.reminders, (r) => r.eventId === id && !r.sentAt && !r.skippedAt);
    for (const reminder of planned) {
      if (memory.reminders.some((r) => r.eventId === id && r.offset === reminder.offset)) continue;
      memory.reminders.push({ id: randomUUID(), eventId: id, ...reminder, sentAt: null, skippedAt: null });
    }
    memory.outbox.push(...facts);
  };
  return { locked, commit };
}

/** Each batch runs without awaiting in between, so, like `SKIP LOCKED`, no two runs claim one row. */
function reminderRepository(memory: EventsMemory, now: () => Date): ReminderRepository {
  return {
    handleDue: async (limit) => {
      const at = now();
      const isDue = (r: StoredReminder) => r.dueAt.getTime() <= at.getTime();
      const claimed = memory.reminders
        .filter((r) => isDue(r) && !r.sentAt && !r.skippedAt)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
        .slice(0, limit);
      const run: ReminderRun = { sent: 0, skipped: 0 };
      for (const reminder of claimed) {
        const event = memory.events.get(reminder.eventId)!;
        const closerDue = memory.reminders.some(
          (r) => r.eventId === reminder.eventId && r.dueAt.getTime() > reminder.dueAt.getTime() && isDue(r),
        );
        if (event.status !== 'PUBLISHED' || event.startsAt.getTime() <= at.getTime() || closerDue) {
          reminder.skippedAt = at;
          run.skipped++;
          continue;
        }
        const { title, startsAt, venue } = event;
        memory.outbox.push(outboxRow(eventReminderFact({ ...reminder, title, startsAt, venue }), reminder.eventId));
        reminder.sentAt = at;
        run.sent++;
      }
      return run;
    },
  };
}

/** The public listing's filters; `search` wants every word in the title or description (no stemming, unlike PostgreSQL's). */
function listed(event: EventView, listing: PublicListing): boolean {
  const { categoryId, from, to, search, after } = listing;
  const text = `${event.title} ${event.description}`.toLowerCase();
  return (
    (!categoryId || event.categoryId === categoryId) &&
    (!from || event.startsAt.getTime() >= from.getTime()) &&
    (!to || event.startsAt.getTime() < to.getTime()) &&
    (!search ||
      search
        .toLowerCase()
        .split(/\s+/)
        .every((word) => text.includes(word))) &&
    (!after || byStart(event, after) > 0)
  );
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byStart = (a: { startsAt: Date; id: string }, b: { startsAt: Date; id: string }) =>
  a.startsAt.getTime() - b.startsAt.getTime() || byText(a.id, b.id);

function removeWhere<T>(items: T[], drop: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i--) if (drop(items[i]!)) items.splice(i, 1);
}
