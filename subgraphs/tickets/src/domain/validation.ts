import { z } from 'zod';
import { INVISIBLE_CHARACTERS } from '@sbor/core';
import { MAX_TICKETS_PER_PURCHASE } from './rules.js';

/** ISO 4217 codes as the runtime's ICU knows them (about 160, current currencies). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const MAX_TICKET_QUANTITY = 1_000_000;
/** A price cap well inside GraphQL's 32-bit Int. */
export const MAX_PRICE_CENTS = 100_000_000;

const uuid = (what: string) => z.uuid({ message: `${what} is not a valid id.` });

/**
 * Control characters, invisible formatting and lone surrogates: PostgreSQL cannot store a NUL (the
 * insert failed as an internal error), and the rest has no place in a name shown on a ticket.
 */

export const ticketTypeInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Give the ticket type a name.')
      .max(100, 'The name can be at most 100 characters.')
      .refine((v) => !INVISIBLE_CHARACTERS.test(v), 'The name must not contain control characters.'),
    priceCents: z
      .number()
      .int()
      .min(0, 'The price cannot be negative.')
      .max(MAX_PRICE_CENTS, `The price can be at most ${MAX_PRICE_CENTS} cents.`),
    currency: z.string().refine((c) => /^[A-Z]{3}$/.test(c) && CURRENCIES.has(c), 'Use an ISO 4217 currency code in capitals, e.g. EUR.'),
    quantity: z
      .number()
      .int()
      .min(1, 'Offer at least one ticket.')
      .max(MAX_TICKET_QUANTITY, `At most ${MAX_TICKET_QUANTITY} tickets per type.`),
    salesStart: z.date(),
    salesEnd: z.date(),
  })
  .refine((t) => t.salesStart.getTime() < t.salesEnd.getTime(), {
    message: 'Sales must start before they end.',
    path: ['salesEnd'],
  });
export type TicketTypeInput = z.infer<typeof ticketTypeInput>;

export const purchaseInput = z.object({
  eventId: uuid('eventId'),
  ticketTypeId: uuid('ticketTypeId'),
  quantity: z
    .number()
    .int()
    .min(1, 'Buy at least one ticket.')
    .max(MAX_TICKETS_PER_PURCHASE, `At most ${MAX_TICKETS_PER_PURCHASE} tickets per purchase.`),
  idempotencyKey: z
    .string()
    .min(1, 'Send an idempotency key, e.g. a fresh UUID per purchase attempt.')
    .max(200, 'The idempotency key can be at most 200 characters.')
    .refine((v) => !INVISIBLE_CHARACTERS.test(v), 'The idempotency key must not contain control characters.'),
});
export type PurchaseInput = z.infer<typeof purchaseInput>;
