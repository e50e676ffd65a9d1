/**
 * What an organizer does to their own events. Every change is one unit of work that first locks
 * the event scoped by owner (someone else's event is NOT_FOUND, indistinguishable from a missing
 * one), then checks the state machine, then writes the change and any fact together.
 */
import { badInput, isUuid, notFound, type Viewer } from '@sbor/core';
import { requireOrganizer } from './access.js';
import { checkEventSpan, checkPublishable, checkScheduleFits } from './dates.js';
import { assertEditable, transition } from './lifecycle.js';
import type { EventView } from './model.js';
import { planReminders } from './reminders.js';
import type { CategoryRepository, EventEdits, EventRepository, LockedEvent } from './repositories.js';
import type { CreateEventInput, ScheduleItemInput, UpdateEventInput } from './validation.js';

export interface OrganizerEventsOptions {
  now?: () => Date;
  /** Called after a transaction that wrote facts committed: the relay publishes them at once. */
  onFactsWritten?: () => void;
}

const EVENT = 'Event';

export class OrganizerEvents {
  private readonly events: EventRepository;
  private readonly categories: CategoryRepository;
  private readonly now: () => Date;
  private readonly onFactsWritten: () => void;

  constructor(repositories: { events: EventRepository; categories: CategoryRepository }, options: OrganizerEventsOptions = {}) {
    this.events = repositories.events;
    this.categories = repositories.categories;
    this.now = options.now ?? (() => new Date());
    this.onFactsWritten = options.onFactsWritten ?? (() => {});
  }

  async create(organizer: Viewer, input: CreateEventInput): Promise<EventView> {
    const { userId } = requireOrganizer(organizer);
    checkEventSpan(input, this.now(), true);
    if (input.categoryId) await assertCategory((id) => this.categories.exists(id), input.categoryId);
    return this.events.insert({ ...input, organizerId: userId });
  }

  async update(organizer: Viewer, id: string, input: UpdateEventInput): Promise<EventView> {
    const changes = definedOnly(input);
    return this.withOwnEvent(organizer, id, async (event, locked) => {
      assertEditable(event.status, Object.keys(changes));
      if (Object.keys(changes).length === 0) return event;
      if (changes.categoryId) await assertCategory((categoryId) => locked.categoryExists(categoryId), changes.categoryId);
      if (changes.startsAt || changes.endsAt) {
        const span = { startsAt: changes.startsAt ?? event.startsAt, endsAt: changes.endsAt ?? event.endsAt };
        checkEventSpan(span, this.now(), changes.startsAt !== undefined);
        if ((await locked.countItemsOutside(span)) > 0) {
          throw badInput('The schedule would no longer fit; change it first with setSchedule.', changes.startsAt ? 'startsAt' : 'endsAt');
        }
      }
      return locked.edit(changes);
    });
  }

  async publish(organizer: Viewer, id: string): Promise<EventView> {
    const published = await this.withOwnEvent(organizer, id, async (event, locked) => {
      transition(event.status, 'PUBLISHED');
      const now = this.now();
      checkPublishable(event, now);
      return locked.publish(now, planReminders(event.startsAt, now));
    });
    this.onFactsWritten();
    return published;
  }

  async cancel(organizer: Viewer, id: string, reason: string | null): Promise<EventView> {
    const cancelled = await this.withOwnEvent(organizer, id, async (event, locked) => {
      transition(event.status, 'CANCELLED');
      return locked.cancel(this.now(), reason);
    });
    this.onFactsWritten();
    return cancelled;
  }

  async setSchedule(organizer: Viewer, eventId: string, items: readonly ScheduleItemInput[]): Promise<EventView> {
    return this.withOwnEvent(organizer, eventId, async (event, locked) => {
      assertEditable(event.status, ['schedule']);
      checkScheduleFits(items, event);
      await locked.replaceSchedule(items);
      return event;
    });
  }

  /** Runs `work` with the organizer's own event locked; NOT_FOUND for a missing id or someone else's event. */
  private async withOwnEvent<T>(organizer: Viewer, id: string, work: (event: EventView, locked: LockedEvent) => Promise<T>): Promise<T> {
    const { userId } = requireOrganizer(organizer);
    if (!isUuid(id)) throw notFound(EVENT);
    return this.events.withOwnEvent(id, userId, async (event, locked) => {
      if (!event) throw notFound(EVENT);
      return work(event, locked);
    });
  }
}

async function assertCategory(exists: (id: string) => Promise<boolean>, categoryId: string): Promise<void> {
  if (!(await exists(categoryId))) throw badInput('No category has this id.', 'categoryId');
}

/** The fields the caller actually sent; `categoryId: null` counts (it removes the category). */
function definedOnly(input: UpdateEventInput): EventEdits {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as EventEdits;
}
