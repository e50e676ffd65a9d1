/**
 * The PaymentIntents and Refunds the fake keeps, shaped like Stripe's objects (the fields Sbor can
 * read, not all of them), and the rules of the endpoints that change them.
 */
import { randomBytes } from 'node:crypto';
import { invalidParam, missingParam, resourceMissing, unexpectedState, type StripeErrorBody, type StripeFault } from './errors.js';
import type { FormObject } from './form.js';
import { allowOnly, amountParam, booleanParam, enumParam, metadataParam, requiredString, stringParam } from './params.js';

export type PaymentIntentStatus =
  'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  automatic_payment_methods: { enabled: boolean; allow_redirects?: 'always' | 'never' } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: 'automatic_async';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: null;
  description: string | null;
  last_payment_error: (StripeErrorBody & { payment_method: { id: string; object: 'payment_method'; type: 'card' } }) | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: null;
  payment_method: string | null;
  payment_method_types: string[];
  status: PaymentIntentStatus;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  receipt_number: null;
  status: 'succeeded';
}

export interface FakeState {
  paymentIntents: Map<string, FakePaymentIntent>;
  refunds: Map<string, FakeRefund>;
  /** Refusals queued by `failNextRefund`, used first in, first out. */
  refundRefusals: StripeFault[];
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const randomId = (prefix: string, length = 24) =>
  prefix + Array.from(randomBytes(length), (byte) => ALPHABET[byte % ALPHABET.length]).join('');

export const now = () => Math.floor(Date.now() / 1000);

/** Statuses Stripe lets `POST /v1/payment_intents/:id/cancel` leave. */
const CANCELABLE: readonly PaymentIntentStatus[] = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

export function createPaymentIntent(state: FakeState, params: FormObject): FakePaymentIntent {
  allowOnly(params, ['amount', 'currency', 'automatic_payment_methods', 'description', 'metadata']);
  const amount = amountParam(params, 'amount');
  if (amount === undefined) throw missingParam('amount');
  const currency = requiredString(params, 'currency').toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw invalidParam('currency', 'parameter_invalid_string', `Invalid currency: ${currency}.`);
  const id = randomId('pi_');
  const intent: FakePaymentIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: 0,
    automatic_payment_methods: automaticPaymentMethods(params),
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: randomId(`${id}_secret_`, 25),
    confirmation_method: 'automatic',
    created: now(),
    currency,
    customer: null,
    description: stringParam(params, 'description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: metadataParam(params),
    next_action: null,
    payment_method: null,
    payment_method_types: ['card'],
    status: 'requires_payment_method',
  };
  state.paymentIntents.set(id, intent);
  return intent;
}

export function retrievePaymentIntent(state: FakeState, id: string, param = 'intent'): FakePaymentIntent {
  const intent = state.paymentIntents.get(id);
  if (!intent) throw resourceMissing('payment_intent', id, param);
  return intent;
}

export function cancelPaymentIntent(state: FakeState, id: string, params: FormObject): FakePaymentIntent {
  allowOnly(params, ['cancellation_reason']);
  const reason = enumParam(params, 'cancellation_reason', ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const);
  const intent = retrievePaymentIntent(state, id);
  if (!CANCELABLE.includes(intent.status)) {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. ` +
        `Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  Object.assign(intent, { status: 'canceled', canceled_at: now(), cancellation_reason: reason ?? null, amount_capturable: 0 });
  return intent;
}

export function createRefund(state: FakeState, params: FormObject): FakeRefund {
  allowOnly(params, ['payment_intent', 'amount', 'reason', 'metadata']);
  const intentId = stringParam(params, 'payment_intent');
  if (!intentId)
    throw missingParam('payment_intent', 'One of the following params should be provided for this request: payment_intent or charge.');
  const asked = amountParam(params, 'amount');
  const reason = enumParam(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const);
  const metadata = metadataParam(params);
  const intent = retrievePaymentIntent(state, intentId, 'payment_intent');
  if (intent.status !== 'succeeded' || !intent.latest_charge) {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      'payment_intent',
    );
  }
  const left = intent.amount_received - refundedOf(state, intent.id);
  if (left === 0) throw unexpectedState('charge_already_refunded', `Charge ${intent.latest_charge} has already been refunded.`);
  const amount = asked ?? left;
  if (amount > left) {
    throw unexpectedState('amount_too_large', `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, 'amount');
  }
  const refusal = state.refundRefusals.shift();
  if (refusal) throw refusal;
  const refund: FakeRefund = {
    id: randomId('re_'),
    object: 'refund',
    amount,
    balance_transaction: randomId('txn_'),
    charge: intent.latest_charge,
    created: now(),
    currency: intent.currency,
    metadata,
    payment_intent: intent.id,
    reason: reason ?? null,
    receipt_number: null,
    status: 'succeeded',
  };
  state.refunds.set(refund.id, refund);
  return refund;
}

export function retrieveRefund(state: FakeState, id: string): FakeRefund {
  const refund = state.refunds.get(id);
  if (!refund) throw resourceMissing('refund', id, 'id');
  return refund;
}

/** What the buyer paid: the intent succeeds with a card charge. */
export function succeedIntent(intent: FakePaymentIntent): void {
  if (intent.status === 'succeeded' || intent.status === 'canceled') {
    throw new Error(`fake-stripe: ${intent.id} is ${intent.status}; it cannot succeed`);
  }
  Object.assign(intent, {
    status: 'succeeded',
    amount_received: intent.amount,
    latest_charge: randomId('ch_'),
    payment_method: randomId('pm_'),
    last_payment_error: null,
  });
}

/** The card was declined: Stripe returns the intent to `requires_payment_method` with the reason. */
export function failIntent(intent: FakePaymentIntent): void {
  if (intent.status === 'succeeded' || intent.status === 'canceled') {
    throw new Error(`fake-stripe: ${intent.id} is ${intent.status}; it cannot fail`);
  }
  Object.assign(intent, {
    status: 'requires_payment_method',
    latest_charge: randomId('ch_'),
    payment_method: null,
    last_payment_error: {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
      payment_method: { id: randomId('pm_'), object: 'payment_method', type: 'card' },
    },
  });
}

const refundedOf = (state: FakeState, intentId: string) =>
  [...state.refunds.values()].filter((r) => r.payment_intent === intentId).reduce((sum, r) => sum + r.amount, 0);

function automaticPaymentMethods(params: FormObject): FakePaymentIntent['automatic_payment_methods'] {
  const value = params.automatic_payment_methods;
  if (value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidParam('automatic_payment_methods', 'parameter_invalid_string', 'Invalid hash');
  allowOnly(value, ['enabled', 'allow_redirects'], 'automatic_payment_methods');
  const enabled = booleanParam(value, 'enabled', 'automatic_payment_methods');
  if (enabled === undefined) throw missingParam('automatic_payment_methods[enabled]');
  const redirects = enumParam(value, 'allow_redirects', ['always', 'never'] as const);
  return { enabled, allow_redirects: redirects ?? 'always' };
}
