import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { consumerVariables, durationMs, env, secretVariable, sharedVariables } from '@sbor/core';
import { servingSettings, servingVariables, settingsModel } from '@sbor/kit';

const atLeast = (min: number) => z.number().min(min, `must be at least ${min}`);
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const variables = {
  ...servingVariables('tickets', 8082),
  EVENTS_INTERNAL_URL: env
    .url()
    .default('http://127.0.0.1:8083')
    .describe('Where tickets asks the events service whether an event is on sale.'),
  EVENTS_TIMEOUT_MS: env
    .int(1500)
    .pipe(z.number().min(50, 'must be at least 50').max(30_000, 'must be at most 30000'))
    .describe('Past this a purchase fails with `SERVICE_UNAVAILABLE` and sells nothing.'),
  USERS_INTERNAL_URL: env
    .url()
    .default('http://127.0.0.1:8081')
    .describe('Where tickets asks the users service who an email belongs to (door staff) and for the names an export prints.'),
  USERS_TIMEOUT_MS: env
    .int(1500)
    .pipe(z.number().min(50, 'must be at least 50').max(30_000, 'must be at most 30000'))
    .describe('Past this, naming door staff fails with `SERVICE_UNAVAILABLE` and changes nothing.'),
  OUTBOX_INTERVAL_MS: sharedVariables.OUTBOX_INTERVAL_MS,
  RETENTION_INTERVAL_MINUTES: sharedVariables.RETENTION_INTERVAL_MINUTES,
  RETENTION_OUTBOX_SENT_HOURS: sharedVariables.RETENTION_OUTBOX_SENT_HOURS,
  RETENTION_INBOX_DAYS: sharedVariables.RETENTION_INBOX_DAYS,
  ...consumerVariables('tickets'),
  HOLD_MINUTES: env
    .number(10)
    .pipe(z.number().min(0.05, 'must be at least 0.05').max(1440, 'must be at most 1440'))
    .describe('How long a reserved order holds its tickets while the buyer pays; fractions are allowed (0.1 is 6 s, for tests).'),
  OFFER_MINUTES: env
    .int(60)
    .pipe(atLeast(1).max(10_080, 'must be at most 10080'))
    .describe(
      'How long a waiting-list offer holds the freed tickets in the next waiting user’s name; unpaid by then, they go to the next in line.',
    ),
  OFFLINE_HOLD_HOURS: env
    .int(72)
    .pipe(atLeast(1))
    .describe('How long an order paid offline (bank transfer, at the door) stays held once the buyer chose it.'),
  ORDER_UPKEEP_MS: env
    .int(5_000)
    .pipe(atLeast(100))
    .describe('How often each tickets instance ends due holds and sends owed refunds; each is done once, however many run.'),
  MAX_TICKET_TYPES_PER_EVENT: env
    .int(50)
    .pipe(atLeast(1).max(10_000, 'must be at most 10000'))
    .describe('Past this many ticket types, adding another to the event fails with `BAD_USER_INPUT` (`reason: LIMIT_REACHED`).'),
  MAX_ORDERS_PER_USER_PER_MINUTE: env
    .int(10)
    .pipe(atLeast(1).max(10_000, 'must be at most 10000'))
    .describe(
      'Orders (`reserveTickets`, `purchaseTickets`) one user may place in any 60 s, on all replicas together; one more answers `RATE_LIMITED` with `retryAfterSeconds` and holds nothing.',
    ),
  PUBLIC_URL: env
    .url()
    .default('http://127.0.0.1:8000')
    .describe('Where browsers reach the router: the sandbox checkout links and its webhook use it.'),
  PAYMENTS_SANDBOX: z
    .preprocess(unsetIfEmpty, z.enum(['true', 'false'], { message: 'must be true or false' }).optional())
    .describe(
      'The SANDBOX test checkout (no money moves): on by default, except with `NODE_ENV=production`, where it cannot be turned on.',
    ),
  SANDBOX_WEBHOOK_URL: env
    .optionalUrl()
    .describe(
      "Where the sandbox checkout sends its webhooks; `<PUBLIC_URL>/webhooks/sandbox` when unset (set it to the tickets service's own address when the router's public one is not reachable from inside, as in docker compose).",
    ),
  SANDBOX_WEBHOOK_SECRET: secretVariable(
    env
      .optionalString()
      .pipe(z.string().min(16, 'must be at least 16 characters').optional())
      .describe("HMAC key of the sandbox's webhooks; derived from `ROUTER_SECRET` when unset, so replicas agree."),
  ),
  STRIPE_SECRET_KEY: env
    .optionalString()
    .describe('Stripe secret key (`sk_live_…`, `sk_test_…`); with `STRIPE_WEBHOOK_SECRET`, turns STRIPE payments on.'),
  STRIPE_WEBHOOK_SECRET: secretVariable(
    env.optionalString().describe('Signing secret (`whsec_…`) of the Stripe webhook endpoint `<PUBLIC_URL>/webhooks/stripe`.'),
  ),
  STRIPE_API_BASE: env
    .optionalUrl()
    .describe('A Stripe-compatible API instead of api.stripe.com (tests, stripe-mock); unset for real Stripe.'),
};

type Values = z.infer<z.ZodObject<typeof variables>>;

/** The sandbox hands out tickets without money, so production refuses it; Stripe needs both of its secrets. */
function paymentRules(c: Values, ctx: z.RefinementCtx): void {
  if (c.NODE_ENV === 'production' && c.PAYMENTS_SANDBOX === 'true') {
    ctx.addIssue({
      code: 'custom',
      path: ['PAYMENTS_SANDBOX'],
      message: 'the sandbox checkout issues tickets without payment; it cannot run with NODE_ENV=production',
    });
  }
  if (Boolean(c.STRIPE_SECRET_KEY) !== Boolean(c.STRIPE_WEBHOOK_SECRET)) {
    const missing = c.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other Stripe secret is set' });
  }
}

/** The tickets service's own variables and the settings they become; `runStandalone` adds the infrastructure ones. */
export const ticketsSettings = settingsModel(
  variables,
  (c) => {
    const serving = servingSettings('tickets', c);
    const sandbox = c.PAYMENTS_SANDBOX === undefined ? !serving.production : c.PAYMENTS_SANDBOX === 'true';
    return {
      ...serving,
      events: { baseUrl: c.EVENTS_INTERNAL_URL, timeoutMs: c.EVENTS_TIMEOUT_MS },
      users: { baseUrl: c.USERS_INTERNAL_URL, timeoutMs: c.USERS_TIMEOUT_MS },
      outboxIntervalMs: c.OUTBOX_INTERVAL_MS,
      retention: {
        intervalMs: durationMs.minutes(c.RETENTION_INTERVAL_MINUTES),
        outboxSentMs: durationMs.hours(c.RETENTION_OUTBOX_SENT_HOURS),
        inboxMs: durationMs.days(c.RETENTION_INBOX_DAYS),
      },
      limits: { ticketTypesPerEvent: c.MAX_TICKET_TYPES_PER_EVENT },
      consumer: { groupId: c.TICKETS_GROUP_ID, startAt: c.TICKETS_START_AT },
      orders: {
        holdMinutes: c.HOLD_MINUTES,
        offlineHoldHours: c.OFFLINE_HOLD_HOURS,
        upkeepMs: c.ORDER_UPKEEP_MS,
        offerMinutes: c.OFFER_MINUTES,
        perUserPerMinute: c.MAX_ORDERS_PER_USER_PER_MINUTE,
      },
      payments: {
        publicUrl: c.PUBLIC_URL.replace(/\/+$/, ''),
        sandbox: sandbox
          ? {
              secret: c.SANDBOX_WEBHOOK_SECRET ?? createHmac('sha256', c.ROUTER_SECRET).update('sbor sandbox webhooks').digest('hex'),
              webhookUrl: c.SANDBOX_WEBHOOK_URL ?? `${c.PUBLIC_URL.replace(/\/+$/, '')}/webhooks/sandbox`,
            }
          : undefined,
        stripe:
          c.STRIPE_SECRET_KEY && c.STRIPE_WEBHOOK_SECRET
            ? { secretKey: c.STRIPE_SECRET_KEY, webhookSecret: c.STRIPE_WEBHOOK_SECRET, apiBase: c.STRIPE_API_BASE }
            : undefined,
      },
    };
  },
  paymentRules,
);
export type TicketsSettings = z.infer<typeof ticketsSettings.schema>;
