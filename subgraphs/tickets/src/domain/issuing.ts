import { randomUUID } from 'node:crypto';
import type { Fact } from '@sbor/messaging';
import { orderPaidFact, ticketPurchasedFact } from '../messaging/facts.js';
import { newTicketCode } from './codes.js';
import type { QrKeyRing } from './key-ring.js';
import type { PaymentProviderName } from './repositories.js';

export interface IssuedTicket {
  id: string;
  ticketTypeId: string;
  code: string;
  qrPayload: string;
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
 * signed for the event's end, made before the statement that stores them. With them, the facts of
 * the payment: one `order.paid` naming them and one `ticket.purchased` each.
 */
export function issueTickets(
  keys: QrKeyRing,
  order: PaidOrder,
  lines: readonly { ticketTypeId: string; quantity: number }[],
  eventEndsAt: Date,
  provider: PaymentProviderName,
  paidAt: Date = new Date(),
): { tickets: IssuedTicket[]; facts: Fact[] } {
  const tickets = lines.flatMap((line) =>
    Array.from({ length: line.quantity }, () => {
      const id = randomUUID();
      const qrPayload = keys.sign({
        ticketId: id,
        eventId: order.eventId,
        ticketTypeId: line.ticketTypeId,
        validFrom: paidAt,
        validUntil: eventEndsAt,
      });
      return { id, ticketTypeId: line.ticketTypeId, code: newTicketCode(), qrPayload };
    }),
  );
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
