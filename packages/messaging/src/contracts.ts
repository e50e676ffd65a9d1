/**
 * The Kafka facts of DESIGN.md as zod contracts, checked on both ends: `makeFact` when a producer
 * writes one (a wrong fact is a bug, caught before it reaches the outbox), `parseFact` when a
 * consumer reads one (a malformed fact is dead-lettered at once, since retrying cannot fix it).
 * Field names are snake_case because they are the wire format other consumers read.
 *
 * Facts carry ids, never bearer secrets (ticket codes, QR payloads, tokens, checkout links): anyone
 * who can read a topic must not be able to walk in or pay as someone. A consumer that needs a
 * secret asks the owning service for it (e.g. notifications: /internal/tickets/for-email). Facts
 * written before a field was dropped still parse: zod strips keys a contract does not name.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PermanentMessageError, type Bus, type IncomingMessage } from './bus.js';
import { Topics, type Topic } from './topics.js';

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });
const text = z.string().min(1);
const cents = z.int().min(0);
const currency = z.string().regex(/^[A-Z]{3}$/);
/** What every order fact names: the order (also the message key), its human number, event and buyer. */
const orderFields = { order_id: id, number: text, event_id: id, buyer_id: id };

export const factDataSchemas = {
  [Topics.ticketPurchased]: z.object({
    ticket_id: id,
    event_id: id,
    ticket_type_id: id,
    user_id: id,
    status: z.enum(['ACTIVE', 'USED', 'CANCELLED']),
    purchased_at: instant,
  }),
  [Topics.ticketCheckin]: z.object({
    ticket_id: id,
    event_id: id,
    user_id: id,
    checked_in_at: instant,
    /** The door staff member (organizer) who scanned the ticket. */
    checked_in_by: id,
  }),
  [Topics.ticketCheckinUndone]: z.object({
    ticket_id: id,
    event_id: id,
    user_id: id,
    /** When the check-in being taken back happened. */
    checked_in_at: instant,
    undone_at: instant,
    /** The organizer or door staff member who took it back. */
    undone_by: id,
  }),
  [Topics.ticketCancelled]: z.object({
    ticket_id: id,
    event_id: id,
    user_id: id,
    /** Why, e.g. `EVENT_CANCELLED`; the notification text is chosen from it. */
    reason: text,
    cancelled_at: instant,
  }),
  [Topics.eventPublished]: z.object({
    event_id: id,
    organizer_id: id,
    title: text,
    starts_at: instant,
    ends_at: instant,
    venue: z.string(),
    published_at: instant,
  }),
  [Topics.eventCancelled]: z.object({
    event_id: id,
    organizer_id: id,
    title: text,
    reason: z.string().nullable(),
    cancelled_at: instant,
    starts_at: instant,
  }),
  [Topics.eventReminder]: z.object({
    event_id: id,
    title: text,
    starts_at: instant,
    venue: z.string(),
    offset: z.enum(['24h', '1h']),
    /** The scheduler's row for this event and offset: one reminder, however many replicas. */
    reminder_id: id,
  }),
  [Topics.userRegistered]: z.object({
    user_id: id,
    /** Lower-cased; the address email notifications go to. */
    email: z.email(),
    display_name: text,
    registered_at: instant,
  }),
  [Topics.userEmailVerified]: z.object({
    /** The account whose current address (as last told by `user.registered`) is now verified. */
    user_id: id,
    verified_at: instant,
  }),
  [Topics.orderReserved]: z.object({
    ...orderFields,
    total_cents: cents,
    currency,
    /** When the hold ends unless the order is paid. */
    expires_at: instant,
    lines: z.array(z.object({ ticket_type_id: id, quantity: z.int().min(1) })).min(1),
  }),
  [Topics.orderPaid]: z.object({
    ...orderFields,
    total_cents: cents,
    currency,
    provider: z.enum(['FREE', 'OFFLINE', 'SANDBOX', 'STRIPE']),
    paid_at: instant,
    /** The tickets the payment issued (each also has its own `ticket.purchased`). */
    ticket_ids: z.array(id).min(1),
  }),
  [Topics.orderExpired]: z.object({ ...orderFields, expired_at: instant }),
  [Topics.orderCancelled]: z.object({
    ...orderFields,
    /** `BUYER` (cancelled while reserved) or `EVENT_CANCELLED`. */
    reason: text,
    cancelled_at: instant,
  }),
  [Topics.orderRefunded]: z.object({
    ...orderFields,
    refund_id: id,
    amount_cents: cents,
    currency,
    /** The tickets the refund cancelled; empty when it returns a payment the order did not need. */
    ticket_ids: z.array(id),
    reason: z.string().nullable(),
    /**
     * The order's status after the refund: `PARTIALLY_REFUNDED` or `REFUNDED` when it cancelled
     * tickets; unchanged (`EXPIRED`, `CANCELLED`, `PAID`, `RESERVED`) when it returned a payment
     * the order did not need (late, a second one, or through a withdrawn payment).
     */
    status: z.enum(['RESERVED', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'EXPIRED', 'CANCELLED']),
    refunded_at: instant,
  }),
  [Topics.waitingListOffered]: z.object({
    /** The hold made for the user (also the message key), as in the order facts. */
    ...orderFields,
    entry_id: id,
    ticket_type_id: id,
    /**
     * The ticket type's name, for the offer's text: no other fact names ticket types. Optional so
     * facts written before it was added still parse.
     */
    ticket_type_name: text.optional(),
    quantity: z.int().min(1),
    total_cents: cents,
    currency,
    /** When the hold ends and the tickets go to the next person in line unless paid. */
    offer_expires_at: instant,
  }),
} satisfies Record<Topic, z.ZodType>;

export type FactData<T extends Topic> = z.infer<(typeof factDataSchemas)[T]>;

export interface Fact<T extends Topic = Topic> {
  /** Unique per fact: the outbox row id, and the id consumers deduplicate on. */
  id: string;
  event: T;
  timestamp: string;
  data: FactData<T>;
}

const envelopeSchemas = new Map<Topic, z.ZodType>(
  (Object.keys(factDataSchemas) as Topic[]).map((topic) => [
    topic,
    z.object({ id, event: z.literal(topic), timestamp: instant, data: factDataSchemas[topic] }),
  ]),
);

/** A fact that does not match its contract: permanent, so the bus dead-letters it at once. */
export class MalformedFactError extends PermanentMessageError {
  readonly topic: string;
  readonly issues: readonly string[];

  constructor(topic: string, issues: readonly string[]) {
    super(`Malformed ${topic} fact: ${issues.join('; ')}`);
    this.name = 'MalformedFactError';
    this.topic = topic;
    this.issues = issues;
  }
}

function validate<T extends Topic>(topic: T, candidate: unknown): Fact<T> {
  const schema = envelopeSchemas.get(topic);
  if (!schema) throw new MalformedFactError(topic, [`unknown topic ${topic}`]);
  const result = schema.safeParse(candidate);
  if (!result.success) {
    throw new MalformedFactError(
      topic,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data as Fact<T>;
}

/** Builds a validated envelope; `id` and `timestamp` default to a fresh uuid and now. */
export function makeFact<T extends Topic>(topic: T, data: FactData<T>, options: { id?: string; timestamp?: Date } = {}): Fact<T> {
  return validate(topic, {
    id: options.id ?? randomUUID(),
    event: topic,
    timestamp: (options.timestamp ?? new Date()).toISOString(),
    data,
  });
}

/** Validates a consumed message; throws `MalformedFactError` for bad JSON or a contract mismatch. */
export function parseFact<T extends Topic>(topic: T, json: string): Fact<T> {
  let candidate: unknown;
  try {
    candidate = JSON.parse(json);
  } catch {
    throw new MalformedFactError(topic, ['value is not JSON']);
  }
  return validate(topic, candidate);
}

export function isFactTopic(topic: string): topic is Topic {
  return envelopeSchemas.has(topic as Topic);
}

/**
 * A well-formed fact its owning service contradicts (an `event.cancelled` for an event that is on
 * sale, a `user.registered` naming an address that is not the user's): forged, or written by a
 * broken producer. Permanent, so it is parked in `<topic>.dlq` at once and never applied.
 */
export class ForgedFactError extends PermanentMessageError {
  constructor(topic: string, why: string) {
    super(`${topic} fact contradicts its owner: ${why}`);
    this.name = 'ForgedFactError';
  }
}

/**
 * Anything that can write to a topic can write a fact, so a consumer whose effect cannot be undone
 * checks the facts it names against the owning service first. `check` runs for each message of the
 * listed topics before the consumer's handlers (so never inside their transaction: the owner may
 * share the database connection in embedded mode); it throws `ForgedFactError` to park the
 * message, any other error to have it retried. A checked batch is handed on whole; a batch with a
 * forged fact fails, and the bus then delivers its messages one by one, parking only that one.
 */
export function checkingBus(bus: Bus, topics: readonly Topic[], check: (fact: Fact) => Promise<void>): Bus {
  const checked = async (message: IncomingMessage) => {
    if (topics.includes(message.topic as Topic)) await check(parseFact(message.topic as Topic, message.value));
  };
  return {
    publish: (messages) => bus.publish(messages),
    close: () => bus.close(),
    ...(bus.lag ? { lag: (groupId: string) => bus.lag!(groupId) } : {}),
    subscribe: (options) =>
      bus.subscribe({
        ...options,
        handler: async (message) => {
          await checked(message);
          await options.handler(message);
        },
        batchHandler:
          options.batchHandler &&
          (async (messages) => {
            for (const message of messages) await checked(message);
            await options.batchHandler!(messages);
          }),
      }),
  };
}
