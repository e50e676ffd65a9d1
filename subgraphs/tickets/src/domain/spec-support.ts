/**
 * The tickets domain on in-memory repositories, for spec tests: a real Ed25519 key ring, an events
 * service answering from a map, and payment providers that record what they were asked.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createLogger, type Viewer } from '@sbor/core';
import type { EventInfo, EventsClient } from '../clients/events.js';
import { offlineProvider } from '../payments/offline.js';
import type { PaymentProvider, PaymentProviders } from '../payments/provider.js';
import { Checkout } from './checkout.js';
import { inMemoryTicketsRepositories } from './in-memory.js';
import type { QrKeyRing } from './key-ring.js';
import { OrderReader } from './order-reader.js';
import { OrderUpkeep } from './order-upkeep.js';
import { Ordering } from './ordering.js';
import { newKeyId, signQrPayload, verifyQrPayload, type PublicQrKey } from './qr-payload.js';
import { Refunding } from './refunding.js';
import type { TicketTypeRow } from './repositories.js';

const HOUR = 3_600_000;
export const at = (hours: number) => new Date(Date.now() + hours * HOUR);
export const person = (role: Viewer['role'] = 'USER'): Viewer => ({ userId: randomUUID(), role, tokenId: randomUUID() });
const quiet = createLogger('tickets-spec', 'silent');

export function memoryKeyRing(): QrKeyRing {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const kid = newKeyId();
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' } as PublicQrKey;
  const verify = (payload: string) => verifyQrPayload(payload, [publicJwk]);
  return {
    sign: (record) => signQrPayload({ ...record, kid }, privateKey),
    verify,
    verifyLearning: async (payload) => verify(payload),
    renewed: (payload) => payload,
    jwks: () => ({ keys: [publicJwk] }),
    reload: async () => {},
    watch: () => async () => {},
  };
}

/** A provider that pays nothing and remembers every call; `failRefunds` makes its refunds throw. */
export function recordingProvider(name: 'SANDBOX' | 'STRIPE') {
  const calls = { created: [] as string[], refunds: [] as { amountCents: number; idempotencyKey: string }[], cancelled: [] as string[] };
  const state = { failRefunds: false };
  const notUsed = new Error('spec tests apply webhook events directly');
  const unavailable = new Error('card network unavailable');
  const provider: PaymentProvider = {
    name,
    createPayment: async ({ paymentId }) => {
      calls.created.push(paymentId);
      return { providerRef: `ref_${paymentId}`, checkoutUrl: `https://pay.example/${paymentId}` };
    },
    verifyWebhook: () => {
      throw notUsed;
    },
    refund: async ({ amountCents, idempotencyKey }) => {
      if (state.failRefunds) throw unavailable;
      calls.refunds.push({ amountCents, idempotencyKey });
      return { providerRef: `re_${idempotencyKey}` };
    },
    cancel: async (payment) => void calls.cancelled.push(payment.id),
  };
  return { provider, calls, state };
}

export function ticketsSpec(options: { holdMinutes?: number } = {}) {
  const repositories = inMemoryTicketsRepositories();
  const events = new Map<string, EventInfo>();
  const client: EventsClient = { getEvent: async (id) => events.get(id) ?? null };
  const keys = memoryKeyRing();
  const sandbox = recordingProvider('SANDBOX');
  const providers: PaymentProviders = { OFFLINE: offlineProvider(), SANDBOX: sandbox.provider };
  const outcomes: string[] = [];
  const ordering = new Ordering(
    repositories,
    client,
    keys,
    { holdMinutes: options.holdMinutes ?? 10 },
    { outcome: (o) => void outcomes.push(o) },
  );
  const checkout = new Checkout(repositories, providers, keys, { offlineHoldHours: 72 }, quiet);
  const refunding = new Refunding(repositories, providers, quiet);
  const upkeep = new OrderUpkeep(repositories.orders, refunding, { intervalMs: 60_000, logger: quiet });
  const reader = new OrderReader(repositories);

  /** A published event with one ticket type on sale now. */
  async function onSale(quantity: number, type: Partial<TicketTypeRow> = {}, event: Partial<EventInfo> = {}) {
    const info: EventInfo = {
      id: randomUUID(),
      organizerId: randomUUID(),
      status: 'PUBLISHED',
      startsAt: at(24),
      endsAt: at(27),
      title: 'Jazz in the park',
      venue: 'Bandstand',
      ...event,
    };
    events.set(info.id, info);
    const row = await repositories.ticketTypes.insert({
      eventId: info.id,
      organizerId: info.organizerId,
      name: 'Standard',
      priceCents: 2500,
      currency: 'EUR',
      quantity,
      salesStart: at(-1),
      salesEnd: at(26),
      eventEndsAt: info.endsAt,
    });
    Object.assign(row, type);
    const organizer: Viewer = { userId: info.organizerId, role: 'ORGANIZER', tokenId: randomUUID() };
    return { event: info, type: row, organizer };
  }

  /** Another type of the same event. */
  async function anotherType(event: EventInfo, type: Partial<TicketTypeRow> = {}) {
    const row = await repositories.ticketTypes.insert({
      eventId: event.id,
      organizerId: event.organizerId,
      name: 'VIP',
      priceCents: 9000,
      currency: 'EUR',
      quantity: 5,
      salesStart: at(-1),
      salesEnd: at(26),
      eventEndsAt: event.endsAt,
    });
    return Object.assign(row, type);
  }

  return {
    repositories,
    memory: repositories.memory,
    events,
    keys,
    sandbox,
    ordering,
    checkout,
    refunding,
    upkeep,
    reader,
    outcomes,
    onSale,
    anotherType,
  };
}

export const order = (eventId: string, items: { ticketTypeId: string; quantity: number }[], idempotencyKey: string = randomUUID()) => ({
  eventId,
  items,
  idempotencyKey,
});

/** The extensions of the error a promise rejects with (code included), or undefined when it resolves. */
export const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { extensions?: Record<string, unknown> }) => error.extensions,
  );

/** Stock adds up: quantity = held + sold + available, and held matches the RESERVED orders' lines. */
export function stockAddsUp(memory: ReturnType<typeof ticketsSpec>['memory'], typeId: string): boolean {
  const type = memory.ticketTypes.get(typeId)!;
  const held = memory.lines
    .filter((l) => l.ticketTypeId === typeId && memory.orders.find((o) => o.id === l.orderId)?.status === 'RESERVED')
    .reduce((n, l) => n + l.quantity, 0);
  return type.held === held && type.held + type.sold <= type.quantity && type.held >= 0 && type.sold >= 0;
}
