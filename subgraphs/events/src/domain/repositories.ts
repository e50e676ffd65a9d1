/**
 * What the events domain needs from storage, as interfaces: the drizzle implementation is
 * `db/repositories.ts`, an in-memory one for spec tests is `domain/in-memory.ts`. A change that
 * must be heard about writes its fact in the same transaction (the outbox), inside the method.
 */
import type { Span } from './dates.js';
import type { CategoryView, EventStatus, EventView, ScheduleItemView } from './model.js';

export type ReminderOffset = '24h' | '1h';

export type NewEvent = Pick<EventView, 'organizerId' | 'categoryId' | 'title' | 'description' | 'venue' | 'startsAt' | 'endsAt'>;

/** What an organizer edits directly; an absent field keeps its value, `categoryId: null` removes the category. */
export type EventEdits = Partial<Pick<EventView, 'categoryId' | 'title' | 'description' | 'venue' | 'startsAt' | 'endsAt'>>;

export interface NewScheduleItem {
  title: string;
  startsAt: Date;
  endsAt: Date;
  speaker: string | null;
  location: string | null;
}

export interface PlannedReminder {
  offset: ReminderOffset;
  dueAt: Date;
}

/** The public listing's filters and keyset position. */
export interface PublicListing {
  categoryId?: string;
  from?: Date;
  to?: Date;
  search?: string;
  /** Keyset position: rows strictly after (startsAt, id). */
  after?: { startsAt: Date; id: string };
  limit: number;
}

/** The organizer's own event while `EventRepository.withOwnEvent` holds its lock: what may be done to it. */
export interface LockedEvent {
  categoryExists(categoryId: string): Promise<boolean>;
  /** How many of its schedule items would fall outside `span`. */
  countItemsOutside(span: Span): Promise<number>;
  edit(changes: EventEdits): Promise<EventView>;
  /** Replaces the whole programme, in the order given. */
  replaceSchedule(items: readonly NewScheduleItem[]): Promise<void>;
  /** PUBLISHED at `at`, with its reminder rows (an existing (event, offset) keeps its own) and its `event.published` fact. */
  publish(at: Date, reminders: readonly PlannedReminder[]): Promise<EventView>;
  /** CANCELLED at `at`, its pending reminders dropped and its `event.cancelled` fact written. */
  cancel(at: Date, reason: string | null): Promise<EventView>;
}

export interface EventRepository {
  /** A new DRAFT. */
  insert(values: NewEvent): Promise<EventView>;
  /**
   * Runs `work` in one transaction holding the lock on the organizer's event, so two changes to
   * one event run one after the other. Scoped by owner: someone else's event is `undefined`, as a
   * missing one is. If `work` throws, nothing it did is kept.
   */
  withOwnEvent<T>(id: string, organizerId: string, work: (event: EventView | undefined, locked: LockedEvent) => Promise<T>): Promise<T>;
  /** Any event, whatever its status: for the internal read, not for the API. */
  findById(id: string): Promise<EventView | undefined>;
  /** Those of `ids` that `viewerId` (null: anonymous) may see: drafts only by their organizer. */
  visibleTo(ids: readonly string[], viewerId: string | null): Promise<EventView[]>;
  /** The organizer's events, by start then id; only those whose status (as of now) is `status`, when given. */
  ownedBy(organizerId: string, status?: EventStatus): Promise<EventView[]>;
  /** Published events that have not ended, by start then id, after the keyset position. */
  listPublished(listing: PublicListing): Promise<EventView[]>;
  /** The programmes of several events, each by start, then the organizer's order. */
  schedules(eventIds: readonly string[]): Promise<Map<string, ScheduleItemView[]>>;
}

/** What an organizer edits of a category; an absent field keeps its value. */
export type CategoryEdits = Partial<Pick<CategoryView, 'name' | 'slug'>>;

/** The organizer's own category while `CategoryRepository.withOwnCategory` holds its lock. */
export interface LockedCategory {
  /** Whether any event, of any organizer and in any status, has this category. */
  usedByEvents(): Promise<boolean>;
  remove(): Promise<void>;
}

export interface CategoryRepository {
  /** Undefined when the slug is taken: the unique slug decides between racing organizers. */
  insert(values: { name: string; slug: string; createdBy: string }, limit: number): Promise<CategoryView | 'LIMIT_REACHED' | undefined>;
  /**
   * The organizer's own category with `changes` applied, in one statement. Scoped by owner:
   * someone else's category is `undefined`, as a missing one is; `SLUG_TAKEN` when another
   * category has the slug (the unique slug decides, as for `insert`).
   */
  editOwn(id: string, createdBy: string, changes: CategoryEdits): Promise<CategoryView | 'SLUG_TAKEN' | undefined>;
  /**
   * Runs `work` in one transaction holding the lock on the organizer's category, so no event can
   * take it up meanwhile. Scoped by owner: someone else's category is `undefined`, as a missing
   * one is. If `work` throws, nothing it did is kept.
   */
  withOwnCategory<T>(
    id: string,
    createdBy: string,
    work: (category: CategoryView | undefined, locked: LockedCategory) => Promise<T>,
  ): Promise<T>;
  /** By name, then slug. */
  list(): Promise<CategoryView[]>;
  byIds(ids: readonly string[]): Promise<CategoryView[]>;
  exists(id: string): Promise<boolean>;
}

export interface ReminderRun {
  sent: number;
  skipped: number;
}

export interface ReminderRepository {
  /**
   * One batch in one transaction: claims up to `limit` due, unhandled reminders (rows another
   * instance is claiming are passed over, never waited for and repeated), writes each one's
   * `event.reminder` fact and marks it sent. A stale one — its event is no longer published or has
   * started, or a closer reminder of it is due too — is marked skipped instead.
   */
  handleDue(limit: number): Promise<ReminderRun>;
}

export interface EventsRepositories {
  events: EventRepository;
  categories: CategoryRepository;
  reminders: ReminderRepository;
}
