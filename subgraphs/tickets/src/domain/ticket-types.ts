import { AppError, ErrorCode, badInput, isUuid, type Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import type { TicketTypeRepository, TicketTypeRow } from './repositories.js';
import { checkEventTakesTicketTypes } from './rules.js';
import type { TicketTypeInput } from './validation.js';

const eventNotFound = () => new AppError(ErrorCode.NOT_FOUND, 'Event not found.');

/** Ticket types: created by the event's organizer, read by anyone. */
export class TicketTypes {
  constructor(
    private readonly ticketTypes: TicketTypeRepository,
    private readonly events: EventsClient,
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
    return this.ticketTypes.insert({
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
    });
  }
}
