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

/** Control characters other than line breaks and tabs, which a free-text answer may hold. */
const CONTROL_BUT_LINE_BREAKS = /(?![\n\r\t])[\p{Cc}\p{Cf}\p{Cs}]/u;

const attendeeInput = z.object({
  ticketTypeId: uuid('ticketTypeId'),
  name: z
    .string()
    .trim()
    .min(1, 'Give the attendee’s name.')
    .max(100, 'A name can be at most 100 characters.')
    .refine((v) => !INVISIBLE_CHARACTERS.test(v), 'The name must not contain control characters.'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'An email address can be at most 254 characters.')
    .pipe(z.email('Give a valid email address, or leave it out.'))
    .nullish(),
  answers: z
    .array(
      z.object({
        questionId: z.string().max(100),
        value: z
          .string()
          .max(1000, 'An answer can be at most 1000 characters.')
          .refine((v) => !CONTROL_BUT_LINE_BREAKS.test(v), 'An answer must not contain control characters.'),
      }),
    )
    .max(50, 'At most 50 answers per attendee.')
    .nullish(),
});

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
    voucherCode: z
      .string()
      .trim()
      .max(100, 'A voucher code can be at most 100 characters.')
      .transform((v) => v || null)
      .nullish(),
    attendees: z.array(attendeeInput).max(MAX_TICKETS_PER_PURCHASE, `At most ${MAX_TICKETS_PER_PURCHASE} attendees per order.`).nullish(),
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

/** The most tickets one waiting-list entry may wait for: an order's limit. */
export const waitingListInput = z.object({
  ticketTypeId: z.string(),
  quantity: z
    .number()
    .int()
    .min(1, 'Wait for at least one ticket.')
    .max(MAX_TICKETS_PER_PURCHASE, `At most ${MAX_TICKETS_PER_PURCHASE} tickets per entry.`),
});

export const MAX_VOUCHER_USES = 1_000_000;

/**
 * A voucher: a code of 3 to 50 letters, digits, `-` and `_` (matched without regard to case), a
 * kind with its value (PERCENT 1 to 100, AMOUNT in minor units, FREE 0), the types it applies to
 * (all listed ones when left out), at most `maxUses` tickets, and an optional validity window.
 */
export const voucherInput = z
  .object({
    code: z
      .string()
      .trim()
      .min(3, 'A voucher code has at least 3 characters.')
      .max(50, 'A voucher code can be at most 50 characters.')
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'Use letters, digits, - and _ in a voucher code, starting with a letter or digit.'),
    kind: z.enum(['PERCENT', 'AMOUNT', 'FREE']),
    value: z.number().int(),
    ticketTypeIds: z
      .array(uuid('ticketTypeIds'))
      .min(1, 'Name at least one ticket type, or leave ticketTypeIds out for all of them.')
      .max(100, 'At most 100 ticket types.')
      .nullish(),
    maxUses: z
      .number()
      .int()
      .min(1, 'Allow at least one use, or leave maxUses out for no limit.')
      .max(MAX_VOUCHER_USES, `At most ${MAX_VOUCHER_USES} uses.`)
      .nullish(),
    validFrom: z.date().nullish(),
    validUntil: z.date().nullish(),
  })
  .superRefine((v, ctx) => {
    const valueIssue =
      v.kind === 'PERCENT' && (v.value < 1 || v.value > 100)
        ? 'A PERCENT voucher takes 1 to 100 (percent off).'
        : v.kind === 'AMOUNT' && (v.value < 1 || v.value > MAX_PRICE_CENTS)
          ? `An AMOUNT voucher takes 1 to ${MAX_PRICE_CENTS} (minor units off each ticket).`
          : v.kind === 'FREE' && v.value !== 0
            ? 'A FREE voucher takes no value: send 0.'
            : undefined;
    if (valueIssue) ctx.addIssue({ code: 'custom', path: ['value'], message: valueIssue });
    if (v.validFrom && v.validUntil && v.validFrom.getTime() >= v.validUntil.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'A voucher must become valid before it expires.' });
    }
  });
export type VoucherInput = z.infer<typeof voucherInput>;

export const MAX_QUESTIONS = 50;

const questionText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Give the ${what}.`)
    .max(max, `The ${what} can be at most ${max} characters.`)
    .refine((v) => !INVISIBLE_CHARACTERS.test(v), `The ${what} must not contain control characters.`);

/** An event's questions: up to 50; a CHOICE question has 2 to 50 distinct options, the others none. */
export const questionsInput = z.object({
  questions: z
    .array(
      z
        .object({
          label: questionText('question', 200),
          kind: z.enum(['TEXT', 'CHOICE', 'CHECKBOX']),
          required: z.boolean(),
          options: z.array(questionText('option', 100)).max(50, 'At most 50 options.').nullish(),
        })
        .superRefine((q, ctx) => {
          const options = q.options ?? [];
          if (q.kind !== 'CHOICE' && options.length > 0) {
            ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only a CHOICE question has options.' });
          }
          if (q.kind === 'CHOICE' && options.length < 2) {
            ctx.addIssue({ code: 'custom', path: ['options'], message: 'A CHOICE question needs at least two options.' });
          }
          if (new Set(options).size !== options.length) {
            ctx.addIssue({ code: 'custom', path: ['options'], message: 'Give each option once.' });
          }
        }),
    )
    .max(MAX_QUESTIONS, `At most ${MAX_QUESTIONS} questions.`),
});
export type QuestionsInput = z.infer<typeof questionsInput>['questions'];
