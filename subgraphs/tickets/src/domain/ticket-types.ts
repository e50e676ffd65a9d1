import { AppError, ErrorCode, badInput, isUuid, type Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import type { TicketTypeRepository, TicketTypeRow } from './repositories.js';
import { checkEventTakesTicketTypes } from './rules.js';
import type { TicketTypeInput } from './validation.js';

const eventNotFound = () => new AppError(ErrorCode.NOT_FOUND, 'Event not found.');

/** The default of `MAX_TICKET_TYPES_PER_EVENT`: each type is listed and loaded with its event. */
export const DEFAULT_TICKET_TYPES_PER_EVENT = 50;

/** Ticket types: created by the event's organizer, read by anyone. */
export class TicketTypes {
  constructor(
    private readonly ticketTypes: TicketTypeRepository,
    private readonly events: EventsClient,
    private readonly maxPerEvent = DEFAULT_TICKET_TYPES_PER_EVENT,
  ) {}

  async create(organizer: Viewer, eventId: string, input: TicketTypeInput): Promise<TicketTypeRow> {
    const { userId } = organizer;
    if (!isUuid(eventId)) throw eventNotFound();
    const event = await this.events.getEvent(eventId);
    if (!event) throw eventNotFound();
    if (event.organizerId !== userId) {
      // A draft is invisible to others, so they learn nothing; a public event just is not theirs.
      if (event.status === 'DRAFT') throw eventNotFound();
      throw new AppError(ErrorCode.FORBIDDEN, 'Only the event’s organizer can add ticket types.');
    }
    checkEventTakesTicketTypes(event, new Date());
    if (input.salesEnd.getTime() > event.endsAt.getTime()) {
      throw badInput(`Sales must end by the event's end (${event.endsAt.toISOString()}).`, 'salesEnd');
    }
    const created = await this.ticketTypes.insertWithin(
      {
        eventId,
        organizerId: event.organizerId,
        name: input.name,
        priceCents: input.priceCents,
        currency: input.currency,
        quantity: input.quantity,
        salesStart: input.salesStart,
        salesEnd: input.salesEnd,
        maxPerUser: input.maxPerUser ?? null,
        hidden: input.hidden ?? false,
        eventEndsAt: event.endsAt,
      },
      this.maxPerEvent,
    );
    if (created === 'LIMIT_REACHED') {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `An event can have at most ${this.maxPerEvent} ticket types.`, {
        reason: 'LIMIT_REACHED',
        limit: this.maxPerEvent,
      });
    }
    return created;
  }
}
