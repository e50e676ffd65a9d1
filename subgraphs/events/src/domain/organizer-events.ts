/**
 * What an organizer does to their own events. Every change runs in one transaction that first
 * locks the event scoped by owner (someone else's event is NOT_FOUND, indistinguishable from a
 * missing one), then checks the state machine, then writes the change and any fact together.
 */
import { badInput, notFound, type Viewer } from '@sbor/core';
import type { Db, Tx } from '@sbor/db';
import { enqueue } from '@sbor/messaging';
import { outbox } from '../db/outbox.js';
import { categoryExists } from '../db/queries/categories.js';
import { insertEvent, lockOwnEvent, updateEvent, type EventChanges } from '../db/queries/events.js';
import { dropPendingReminders, insertReminders } from '../db/queries/reminders.js';
import { countItemsOutside, replaceSchedule } from '../db/queries/schedule.js';
import { requireOrganizer } from './access.js';
import { checkEventSpan, checkPublishable, checkScheduleFits } from './dates.js';
import { eventCancelledFact, eventPublishedFact } from './facts.js';
import { assertEditable, transition } from './lifecycle.js';
import type { EventView } from './model.js';
import { planReminders } from './reminders.js';
import { cancelInput, createEventInput, isId, parseInput, scheduleInput, updateEventInput, type UpdateEventInput } from './validation.js';

export interface OrganizerEventsOptions {
  db: Db;
  now?: () => Date;
  /** Called after a transaction that wrote facts committed: the relay publishes them at once. */
  onFactsWritten?: () => void;
}

const EVENT = 'Event';

export class OrganizerEvents {
  private readonly db: Db;
  private readonly now: () => Date;
  private readonly onFactsWritten: () => void;

  constructor(options: OrganizerEventsOptions) {
    this.db = options.db;
    this.now = options.now ?? (() => new Date());
    this.onFactsWritten = options.onFactsWritten ?? (() => {});
  }

  async create(viewer: Viewer | null, raw: unknown): Promise<EventView> {
    const { userId } = requireOrganizer(viewer);
    const input = parseInput(createEventInput, raw);
    checkEventSpan(input, this.now(), true);
    return this.db.transaction(async (tx) => {
      if (input.categoryId) await this.assertCategory(tx, input.categoryId);
      return insertEvent(tx, { ...input, organizerId: userId });
    });
  }

  async update(viewer: Viewer | null, id: string, raw: unknown): Promise<EventView> {
    requireOrganizer(viewer);
    const input = parseInput(updateEventInput, raw);
    const changes = definedOnly(input);
    return this.withOwnEvent(viewer, id, async (tx, event) => {
      assertEditable(event.status, Object.keys(changes));
      if (Object.keys(changes).length === 0) return event;
      if (changes.categoryId) await this.assertCategory(tx, changes.categoryId);
      if (changes.startsAt || changes.endsAt) {
        const span = { startsAt: changes.startsAt ?? event.startsAt, endsAt: changes.endsAt ?? event.endsAt };
        checkEventSpan(span, this.now(), changes.startsAt !== undefined);
        if ((await countItemsOutside(tx, id, span.startsAt, span.endsAt)) > 0) {
          throw badInput('The schedule would no longer fit; change it first with setSchedule.', changes.startsAt ? 'startsAt' : 'endsAt');
        }
      }
      return updateEvent(tx, id, changes);
    });
  }

  async publish(viewer: Viewer | null, id: string): Promise<EventView> {
    const published = await this.withOwnEvent(viewer, id, async (tx, event) => {
      transition(event.status, 'PUBLISHED');
      const now = this.now();
      checkPublishable(event, now);
      const updated = await updateEvent(tx, id, { status: 'PUBLISHED', publishedAt: now });
      await insertReminders(tx, id, planReminders(updated.startsAt, now));
      await enqueue(tx, outbox, eventPublishedFact(updated), id);
      return updated;
    });
    this.onFactsWritten();
    return published;
  }

  async cancel(viewer: Viewer | null, id: string, reason: unknown): Promise<EventView> {
    requireOrganizer(viewer);
    const input = parseInput(cancelInput, { reason });
    const cancelled = await this.withOwnEvent(viewer, id, async (tx, event) => {
      transition(event.status, 'CANCELLED');
      const updated = await updateEvent(tx, id, { status: 'CANCELLED', cancelledAt: this.now(), cancellationReason: input.reason });
      await dropPendingReminders(tx, id);
      await enqueue(tx, outbox, eventCancelledFact(updated), id);
      return updated;
    });
    this.onFactsWritten();
    return cancelled;
  }

  async setSchedule(viewer: Viewer | null, eventId: string, rawItems: unknown): Promise<EventView> {
    requireOrganizer(viewer);
    const { items } = parseInput(scheduleInput, { items: rawItems });
    return this.withOwnEvent(viewer, eventId, async (tx, event) => {
      assertEditable(event.status, ['schedule']);
      checkScheduleFits(items, event);
      await replaceSchedule(tx, eventId, items);
      return event;
    });
  }

  /** Runs `work` with the viewer's own event locked; NOT_FOUND for a missing id or someone else's event. */
  private async withOwnEvent<T>(viewer: Viewer | null, id: string, work: (tx: Tx, event: EventView) => Promise<T>): Promise<T> {
    const { userId } = requireOrganizer(viewer);
    if (!isId(id)) throw notFound(EVENT);
    return this.db.transaction(async (tx) => {
      const event = await lockOwnEvent(tx, id, userId);
      if (!event) throw notFound(EVENT);
      return work(tx, event);
    });
  }

  private async assertCategory(tx: Tx, categoryId: string): Promise<void> {
    if (!(await categoryExists(tx, categoryId))) throw badInput('No category has this id.', 'categoryId');
  }
}

/** The fields the caller actually sent; `categoryId: null` counts (it removes the category). */
function definedOnly(input: UpdateEventInput): EventChanges {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as EventChanges;
}
