import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, isUuid, type Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import { orderCancelledFact } from '../messaging/facts.js';
import { limitPerUser } from './order-rules.js';
import type { OfferTerms, TicketsRepositories, WaitingEntryWithPosition } from './repositories.js';
import { checkEventOnSale, checkSalesWindow } from './rules.js';

/** How many of their entries `myWaitingList` shows, newest first. */
export const MY_WAITING_LIST_LIMIT = 100;

const typeNotFound = () => new AppError(ErrorCode.NOT_FOUND, 'This ticket type does not exist.', { field: 'ticketTypeId' });
const entryNotFound = () => new AppError(ErrorCode.NOT_FOUND, 'Waiting list entry not found.');

/**
 * Waiting lists, first come first served per ticket type. A user joins only a sold-out type; the
 * offers themselves are made where stock comes back (db/queries/waiting-list.ts), inside the
 * transaction that frees it, and by the upkeep pass for stock nobody offered yet.
 */
export class WaitingList {
  constructor(
    private readonly repositories: Pick<TicketsRepositories, 'waitingList' | 'ticketTypes'>,
    private readonly events: EventsClient,
    private readonly offers: OfferTerms,
    private readonly onCommitted: () => void = () => {},
  ) {}

  /** `joinWaitingList`: only for a listed type on sale that is sold out (or fully held), once while the entry is live. */
  async join(viewer: Viewer, ticketTypeId: string, quantity: number): Promise<WaitingEntryWithPosition> {
    if (!isUuid(ticketTypeId)) throw typeNotFound();
    const type = await this.repositories.ticketTypes.find(ticketTypeId);
    // A hidden type is sold only with a voucher; to everyone else it does not exist.
    if (!type || type.hidden) throw typeNotFound();
    const now = new Date();
    checkEventOnSale(await this.events.getEvent(type.eventId), now);
    checkSalesWindow(type, type.eventId, now);
    if (type.maxPerUser !== null && quantity > type.maxPerUser) throw limitPerUser(type.maxPerUser, type.maxPerUser, 'quantity');
    const joined = await this.repositories.waitingList.join({ id: randomUUID(), ticketTypeId, userId: viewer.userId, quantity });
    if (joined) return joined;
    throw await this.whyNotJoined(viewer.userId, ticketTypeId);
  }

  private async whyNotJoined(userId: string, ticketTypeId: string): Promise<AppError> {
    const [live, type] = await Promise.all([
      this.repositories.waitingList.liveEntry(userId, ticketTypeId),
      this.repositories.ticketTypes.find(ticketTypeId),
    ]);
    if (live) {
      return new AppError(ErrorCode.ALREADY_WAITING, 'You are already on the waiting list for these tickets.', {
        entryId: live.id,
        status: live.status,
      });
    }
    if (!type || type.salesClosed) return new AppError(ErrorCode.EVENT_CANCELLED, 'This event has been cancelled.');
    const available = type.quantity - type.held - type.sold;
    if (available > 0) {
      return new AppError(
        ErrorCode.NOT_SOLD_OUT,
        `${available === 1 ? '1 ticket is' : `${available} tickets are`} still on sale: reserve them instead of waiting.`,
        { available },
      );
    }
    return new AppError(ErrorCode.CONFLICT, 'Tickets changed hands while you joined. Try again.');
  }

  /**
   * `leaveWaitingList`: the user's own entry, while it waits or is offered. Leaving an offer lets
   * go of its hold: the tickets go to the next person in line at once.
   */
  async leave(viewer: Viewer, id: string): Promise<WaitingEntryWithPosition> {
    if (!isUuid(id)) throw entryNotFound();
    const result = await this.repositories.waitingList.leave(id, viewer.userId, this.offers, (ended) =>
      ended.map((order) => orderCancelledFact(order, 'BUYER', new Date())),
    );
    if (!result) throw entryNotFound();
    if (!result.left) {
      throw new AppError(ErrorCode.INVALID_TRANSITION, `This entry is ${result.entry.status.toLowerCase()}, so it cannot be left.`, {
        from: result.entry.status,
        to: 'LEFT',
      });
    }
    this.onCommitted();
    return result.entry;
  }

  /** `myWaitingList`: the user's entries, newest first. */
  mine(viewer: Viewer): Promise<WaitingEntryWithPosition[]> {
    return this.repositories.waitingList.ofUser(viewer.userId, MY_WAITING_LIST_LIMIT);
  }

  /**
   * `Event.waitingList` of a page of events, in one query: the organizer's, in arrival order (one
   * type's, or all); none for anyone else.
   */
  async ofEvents(viewer: Viewer | null, eventIds: readonly string[], ticketTypeId?: string | null): Promise<WaitingEntryWithPosition[]> {
    const wanted = eventIds.filter(isUuid);
    if (!viewer || wanted.length === 0 || (ticketTypeId != null && !isUuid(ticketTypeId))) return [];
    return this.repositories.waitingList.ofEvents({
      eventIds: wanted,
      organizerId: viewer.userId,
      ticketTypeId: ticketTypeId ?? undefined,
    });
  }
}
