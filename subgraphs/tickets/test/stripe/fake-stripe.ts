/**
 * A local server that speaks Stripe's v1 wire format for the endpoints Sbor's Stripe provider
 * calls, so the real `stripe` SDK can be tested without the internet. See README.md beside it for
 * what it models and what it leaves out.
 *
 *   const fake = await startFakeStripe();
 *   const provider = stripeProvider({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiBase: fake.url });
 *   const started = await provider.createPayment(request);
 *   const paid = fake.succeed(started.providerRef!);   // the buyer pays; a signed event to deliver
 *   await fake.deliverWebhook(`${app}/webhooks/stripe`, paid);
 */
import http from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { invalidParam, StripeFault, type StripeErrorBody } from './errors.js';
import { FormError, parseForm, type FormObject } from './form.js';
import {
  cancelPaymentIntent,
  createPaymentIntent,
  createRefund,
  failIntent,
  randomId,
  retrievePaymentIntent,
  retrieveRefund,
  succeedIntent,
  type FakePaymentIntent,
  type FakeRefund,
  type FakeState,
} from './resources.js';
import { buildEvent, deliver, signEvent, type SignedEvent, type SigningOptions } from './webhooks.js';

export type { FakePaymentIntent, FakeRefund } from './resources.js';
export type { FakeEvent, SignedEvent, SigningOptions } from './webhooks.js';

export interface FakeStripeOptions {
  secretKey?: string;
  webhookSecret?: string;
  /** `api_version` of the events it signs; the installed SDK's by default. */
  apiVersion?: string;
}

/** One API call as it arrived, and how it was answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  /** The body exactly as sent, and decoded (empty for GET). */
  rawBody: string;
  params: FormObject;
  status: number;
  replayed: boolean;
}

export interface FakeStripe {
  /** `http://127.0.0.1:<port>`, for the provider's `apiBase`. */
  url: string;
  secretKey: string;
  webhookSecret: string;
  requests: RecordedRequest[];
  paymentIntents: ReadonlyMap<string, FakePaymentIntent>;
  refunds: ReadonlyMap<string, FakeRefund>;
  /** The buyer paid: the intent succeeds; returns `payment_intent.succeeded`, signed, to deliver. */
  succeed(paymentIntentId: string): SignedEvent<FakePaymentIntent>;
  /** The card was declined; returns `payment_intent.payment_failed`, signed, to deliver. */
  fail(paymentIntentId: string): SignedEvent<FakePaymentIntent>;
  /** The next refund that would succeed is refused instead; by default as a disputed charge (400). */
  failNextRefund(refusal?: Partial<StripeErrorBody> & { status?: number }): void;
  /** Any event, signed with the webhook secret (or `options.secret`) at now (or `options.timestamp`). */
  signedEvent<T>(type: string, object: T, options?: SigningOptions): SignedEvent<T>;
  /** POSTs the exact bytes with their `stripe-signature` header, as Stripe delivers a webhook. */
  deliverWebhook(targetUrl: string, signed: SignedEvent): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

type Handler = (state: FakeState, params: FormObject, id: string) => object;

const ROUTES: { method: string; pattern: RegExp; handle: Handler }[] = [
  { method: 'POST', pattern: /^\/v1\/payment_intents$/, handle: (s, p) => createPaymentIntent(s, p) },
  { method: 'GET', pattern: /^\/v1\/payment_intents\/([^/]+)$/, handle: (s, _p, id) => retrievePaymentIntent(s, id) },
  { method: 'POST', pattern: /^\/v1\/payment_intents\/([^/]+)\/cancel$/, handle: (s, p, id) => cancelPaymentIntent(s, id, p) },
  { method: 'POST', pattern: /^\/v1\/refunds$/, handle: (s, p) => createRefund(s, p) },
  { method: 'GET', pattern: /^\/v1\/refunds\/([^/]+)$/, handle: (s, _p, id) => retrieveRefund(s, id) },
];

/** What Stripe keeps per idempotency key: the endpoint, the parameters, and the answer it gave. */
interface SavedResult {
  endpoint: string;
  params: FormObject;
  status: number;
  body: object;
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? randomId('sk_test_', 32);
  const webhookSecret = options.webhookSecret ?? randomId('whsec_', 32);
  const apiVersion = options.apiVersion ?? Stripe.API_VERSION;
  const state: FakeState = { paymentIntents: new Map(), refunds: new Map(), refundRefusals: [] };
  const saved = new Map<string, SavedResult>();
  const requests: RecordedRequest[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const answer = answerOf(req, rawBody, { secretKey, state, saved });
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        idempotencyKey: headerOf(req, 'idempotency-key'),
        rawBody,
        params: answer.params,
        status: answer.status,
        replayed: answer.replayed,
      });
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        'request-id': randomId('req_', 14),
        'stripe-version': headerOf(req, 'stripe-version') ?? apiVersion,
        ...(answer.status === 401 ? { 'www-authenticate': 'Bearer realm="Stripe"' } : {}),
        ...(req.method === 'POST' && req.headers['idempotency-key'] ? { 'idempotency-key': headerOf(req, 'idempotency-key') } : {}),
        ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}),
      });
      res.end(JSON.stringify(answer.body, null, 2));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signedEvent = <T>(type: string, object: T, signing: SigningOptions = {}) =>
    signEvent(buildEvent(type, object, apiVersion), signing.secret ?? webhookSecret, signing.timestamp);
  const intentOf = (id: string) => {
    const intent = state.paymentIntents.get(id);
    if (!intent) throw new Error(`fake-stripe: no payment intent ${id}`);
    return intent;
  };

  return {
    url,
    secretKey,
    webhookSecret,
    requests,
    paymentIntents: state.paymentIntents,
    refunds: state.refunds,
    succeed: (id) => {
      const intent = intentOf(id);
      succeedIntent(intent);
      return signedEvent('payment_intent.succeeded', intent);
    },
    fail: (id) => {
      const intent = intentOf(id);
      failIntent(intent);
      return signedEvent('payment_intent.payment_failed', intent);
    },
    failNextRefund: ({ status = 400, ...error } = {}) => {
      state.refundRefusals.push(
        new StripeFault(status, {
          type: 'invalid_request_error',
          code: 'charge_disputed',
          message: 'This charge has been charged back; cannot issue a refund.',
          ...error,
        }),
      );
    },
    signedEvent,
    deliverWebhook: deliver,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Answer {
  status: number;
  body: object;
  params: FormObject;
  replayed: boolean;
}

const refused = (fault: StripeFault, params: FormObject = {}): Answer => ({
  status: fault.status,
  body: { error: fault.error },
  params,
  replayed: false,
});

/** Checked in Stripe's order: the API key, the URL, the parameters, the idempotency key, then the endpoint's own rules. */
function answerOf(
  req: http.IncomingMessage,
  rawBody: string,
  { secretKey, state, saved }: { secretKey: string; state: FakeState; saved: Map<string, SavedResult> },
): Answer {
  const [path = '', query = ''] = (req.url ?? '').split('?', 2);
  const method = req.method ?? '';
  if (req.headers.authorization !== `Bearer ${secretKey}`) return refused(unauthorized(req.headers.authorization));
  const route = ROUTES.find((r) => r.method === method && r.pattern.test(path));
  if (!route) return refused(unrecognized(method, path));
  let params: FormObject;
  try {
    params = method === 'POST' ? formBody(req, rawBody) : parseForm(query);
  } catch (error) {
    if (error instanceof FormError) return refused(invalidParam(error.param, 'parameter_invalid_string', error.message));
    if (error instanceof StripeFault) return refused(error);
    throw error;
  }
  const id = decodeURIComponent(route.pattern.exec(path)![1] ?? '');
  const run = () => route.handle(state, params, id);
  // Stripe ignores idempotency keys on GET and DELETE.
  const key = method === 'POST' ? headerOf(req, 'idempotency-key') : undefined;
  return key === undefined ? answerTo(run, params) : idempotent(saved, key, `${method} ${path}`, params, run);
}

function answerTo(run: () => object, params: FormObject): Answer & { saved: boolean } {
  try {
    // A copy, so a saved or replayed answer is the object as it was then, not as it is now.
    return { status: 200, body: structuredClone(run()), params, replayed: false, saved: true };
  } catch (error) {
    if (!(error instanceof StripeFault)) throw error;
    return { ...refused(error, params), saved: error.saved };
  }
}

/** The same key and parameters get the saved answer again; the same key with others is refused. */
function idempotent(saved: Map<string, SavedResult>, key: string, endpoint: string, params: FormObject, run: () => object): Answer {
  if (key.length > 255) return refused(badKey(key), params);
  const previous = saved.get(key);
  if (previous && previous.endpoint !== endpoint) {
    return refused(keyReused(key, `for the same endpoint they were first used for ('${previous.endpoint}' vs '${endpoint}')`), params);
  }
  if (previous && !isDeepStrictEqual(previous.params, params)) {
    return refused(keyReused(key, 'with the same parameters they were first used with'), params);
  }
  if (previous) return { status: previous.status, body: previous.body, params, replayed: true };
  const answer = answerTo(run, params);
  if (answer.saved) saved.set(key, { endpoint, params, status: answer.status, body: answer.body });
  return answer;
}

function formBody(req: http.IncomingMessage, rawBody: string): FormObject {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (rawBody !== '' && type !== 'application/x-www-form-urlencoded') {
    throw new StripeFault(
      400,
      {
        type: 'invalid_request_error',
        message: `Invalid request: unsupported Content-Type ${type}. Use application/x-www-form-urlencoded.`,
      },
      false,
    );
  }
  return parseForm(rawBody);
}

const headerOf = (req: http.IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function unauthorized(authorization: string | undefined): StripeFault {
  const key = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  const message = key
    ? `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`
    : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";
  return new StripeFault(401, { type: 'invalid_request_error', message }, false);
}

const unrecognized = (method: string, path: string) =>
  new StripeFault(
    404,
    {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    },
    false,
  );

const keyReused = (key: string, rule: string) =>
  new StripeFault(
    400,
    {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used ${rule}. Try using a key other than '${key}' if you meant to execute a different request.`,
    },
    false,
  );

const badKey = (key: string) =>
  new StripeFault(
    400,
    { type: 'invalid_request_error', message: `Invalid idempotency key: must be at most 255 characters (got ${key.length}).` },
    false,
  );
