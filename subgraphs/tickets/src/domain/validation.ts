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
    maxPerUser: z.number().int().min(1, 'Allow at least one ticket per buyer, or leave it out for no limit.').nullish(),
    hidden: z.boolean().nullish(),
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

const idempotencyKey = z
  .string()
  .min(1, 'Send an idempotency key, e.g. a fresh UUID per order attempt.')
  .max(200, 'The idempotency key can be at most 200 characters.')
  .refine((v) => !INVISIBLE_CHARACTERS.test(v), 'The idempotency key must not contain control characters.');

/**
 * An order: 1 to 10 tickets in all, of one event's types. The same type named twice is one line
 * with the quantities added, so the stock statement updates each type once.
 */
export const orderInput = z
  .object({
    eventId: uuid('eventId'),
    items: z
      .array(z.object({ ticketTypeId: uuid('ticketTypeId'), quantity: z.number().int().min(1, 'Order at least one ticket of each line.') }))
      .min(1, 'Order at least one ticket.'),
    voucherCode: z.string().max(100).nullish(),
    idempotencyKey,
  })
  .transform((order) => {
    const merged = new Map<string, number>();
    for (const item of order.items) merged.set(item.ticketTypeId, (merged.get(item.ticketTypeId) ?? 0) + item.quantity);
    return { ...order, items: [...merged].map(([ticketTypeId, quantity]) => ({ ticketTypeId, quantity })) };
  })
  .refine((order) => order.items.reduce((n, item) => n + item.quantity, 0) <= MAX_TICKETS_PER_PURCHASE, {
    message: `At most ${MAX_TICKETS_PER_PURCHASE} tickets per order.`,
    path: ['items'],
  });
export type OrderInput = z.infer<typeof orderInput>;

export const refundInput = z.object({
  ticketIds: z.array(uuid('ticketIds')).min(1, 'Name at least one ticket, or none to refund the whole order.').max(100).nullish(),
  reason: z
    .string()
    .trim()
    .max(500, 'The reason can be at most 500 characters.')
    .refine((v) => !INVISIBLE_CHARACTERS.test(v), 'The reason must not contain control characters.')
    .nullish(),
});
