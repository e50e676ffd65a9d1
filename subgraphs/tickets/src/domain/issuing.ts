import { randomUUID } from 'node:crypto';
import type { Fact } from '@sbor/messaging';
import { orderPaidFact, ticketPurchasedFact } from '../messaging/facts.js';
import { newTicketCode } from './codes.js';
import type { QrKeyRing } from './key-ring.js';
import type { AnswerRecord, AttendeeRecord, PaymentProviderName } from './repositories.js';

export interface IssuedTicket {
  id: string;
  ticketTypeId: string;
  code: string;
  qrPayload: string;
  attendeeName: string | null;
  attendeeEmail: string | null;
  answers: AnswerRecord[];
}

export interface PaidOrder {
  id: string;
  number: string;
  eventId: string;
  buyerId: string;
  totalCents: number;
  currency: string;
}

/**
 * The tickets an order issues once paid, one per unit of each line: ids, codes and QR payloads
 * signed for the event's end, made before the statement that stores them, each with the next
 * attendee named for its type (when the order named them). With them, the facts of the payment:
 * one `order.paid` naming them and one `ticket.purchased` each.
 */
export function issueTickets(
  keys: QrKeyRing,
  order: PaidOrder,
  lines: readonly { ticketTypeId: string; quantity: number }[],
  eventEndsAt: Date,
  provider: PaymentProviderName,
  paidAt: Date = new Date(),
  attendees: readonly AttendeeRecord[] | null = null,
): { tickets: IssuedTicket[]; facts: Fact[] } {
  const tickets = lines.flatMap((line) => {
    const named = (attendees ?? []).filter((a) => a.ticketTypeId === line.ticketTypeId);
    return Array.from({ length: line.quantity }, (_, i) => {
      const id = randomUUID();
      const qrPayload = keys.sign({
        ticketId: id,
        eventId: order.eventId,
        ticketTypeId: line.ticketTypeId,
        validFrom: paidAt,
        validUntil: eventEndsAt,
      });
      const attendee = named[i];
      return {
        id,
        ticketTypeId: line.ticketTypeId,
        code: newTicketCode(),
        qrPayload,
        attendeeName: attendee?.name ?? null,
        attendeeEmail: attendee?.email ?? null,
        answers: attendee?.answers ?? [],
      };
    });
  });
  const facts = [
    orderPaidFact(
      order,
      provider,
      tickets.map((t) => t.id),
      paidAt,
    ),
    ...tickets.map((t) =>
      ticketPurchasedFact({ ...t, eventId: order.eventId, ownerId: order.buyerId, status: 'ACTIVE', purchasedAt: paidAt }),
    ),
  ];
  return { tickets, facts };
}
