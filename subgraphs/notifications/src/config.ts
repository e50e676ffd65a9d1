import { z } from 'zod';
import { consumerVariables, durationMs, env, sharedVariables } from '@sbor/core';
import { servingSettings, servingVariables, settingsModel, webSocketServingVariables, webSocketSettings } from '@sbor/kit';
import { PUBLIC_INTERNET, type PushNetwork } from './delivery/push-network.js';

const positive = (fallback: number) => env.int(fallback).pipe(z.number().min(1, 'must be at least 1'));

const variables = {
  ...servingVariables('notifications', 8084),
  ...consumerVariables('notifications'),
  ...webSocketServingVariables,
  NOTIFICATIONS_CACHE_TTL_SECONDS: positive(60).describe(
    'Longest a cached unread count or first page lives; every write deletes them sooner.',
  ),
  SMTP_URL: env
    .optionalUrl()
    .describe('SMTP server for email notifications, e.g. `smtp://127.0.0.1:1025` (`smtps://` for TLS); unset turns email off.'),
  EMAIL_FROM: env.string().default('Sbor <notifications@sbor.local>').describe('Sender of notification emails.'),
  VAPID_PUBLIC_KEY: env
    .optionalString()
    .describe('Web push VAPID public key (base64url); with neither key set, a pair is generated on first start and stored.'),
  VAPID_PRIVATE_KEY: env.optionalString().describe('Web push VAPID private key (base64url); required when `VAPID_PUBLIC_KEY` is set.'),
  VAPID_SUBJECT: env
    .string()
    .default('mailto:notifications@sbor.local')
    .describe('Contact the push services see in the VAPID token (`mailto:` or `https:`).'),
  TICKETS_INTERNAL_URL: env
    .url()
    .default('http://127.0.0.1:8082')
    .describe('Where an email about tickets fetches their codes: facts carry ticket ids only.'),
  EVENTS_INTERNAL_URL: env
    .url()
    .default('http://127.0.0.1:8083')
    .describe('Where notifications checks that an event.cancelled fact is true before telling anyone.'),
  USERS_INTERNAL_URL: env
    .url()
    .default('http://127.0.0.1:8081')
    .describe('Where notifications checks that a user.registered address is the user’s before mailing it.'),
  INTERNAL_TIMEOUT_MS: env
    .int(1500)
    .pipe(z.number().min(50, 'must be at least 50').max(30_000, 'must be at most 30000'))
    .describe('Past this a call to another service counts as unanswered: the email, or the fact, is retried later.'),
  DELIVERY_POLL_MS: positive(2_000).describe(
    'How often the delivery worker looks for due email and push sends; a new notification wakes it at once.',
  ),
  DELIVERY_MAX_ATTEMPTS: positive(8).describe('Tries per email or push send before it is recorded as failed.'),
  DELIVERY_CONCURRENCY: positive(4).describe(
    'Email and push sends in flight at once (and pooled SMTP connections); the worker shares the process and database pool with live delivery.',
  ),
  DELIVERY_BACKOFF_MS: positive(5_000).describe('Delay before a failed send is retried; doubles with each attempt.'),
  MAX_PUSH_SUBSCRIPTIONS_PER_USER: positive(10).describe(
    'Browsers registered for web push per user; registering one more drops the least recently registered.',
  ),
  DELIVERY_MAX_BACKOFF_MS: positive(15 * 60_000).describe('Longest delay between two tries of a send.'),
  RETENTION_INTERVAL_MINUTES: sharedVariables.RETENTION_INTERVAL_MINUTES,
  RETENTION_INBOX_DAYS: sharedVariables.RETENTION_INBOX_DAYS,
  RETENTION_READ_NOTIFICATIONS_DAYS: positive(90).describe(
    'Read notifications are deleted this many days after they were created, with their sends; unread ones are kept however old.',
  ),
};

type Values = z.infer<z.ZodObject<typeof variables>>;

/** VAPID keys come as a pair or not at all: half a pair is a mistake worth stopping for. */
const pairedVapidKeys = (c: Values, ctx: z.RefinementCtx) => {
  if (Boolean(c.VAPID_PUBLIC_KEY) !== Boolean(c.VAPID_PRIVATE_KEY)) {
    const missing = c.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other VAPID key is set' });
  }
};

const toSettings = (c: Values) => ({
  ...servingSettings('notifications', c),
  webSocket: webSocketSettings(c),
  consumer: { groupId: c.NOTIFICATIONS_GROUP_ID, startAt: c.NOTIFICATIONS_START_AT },
  cacheTtlSeconds: c.NOTIFICATIONS_CACHE_TTL_SECONDS,
  maxPushSubscriptionsPerUser: c.MAX_PUSH_SUBSCRIPTIONS_PER_USER,
  // Not a variable: no setting can let push reach a private address. Only code (a test's own
  // loopback push service) widens it, and setup refuses a widened one in production.
  pushNetwork: PUBLIC_INTERNET as PushNetwork,
  retention: {
    intervalMs: durationMs.minutes(c.RETENTION_INTERVAL_MINUTES),
    readNotificationsMs: durationMs.days(c.RETENTION_READ_NOTIFICATIONS_DAYS),
    inboxMs: durationMs.days(c.RETENTION_INBOX_DAYS),
  },
  email: c.SMTP_URL
    ? ({ kind: 'smtp', url: c.SMTP_URL, from: c.EMAIL_FROM, maxConnections: c.DELIVERY_CONCURRENCY } as const)
    : ({ kind: 'disabled' } as const),
  vapid:
    c.VAPID_PUBLIC_KEY && c.VAPID_PRIVATE_KEY
      ? ({ kind: 'configured', publicKey: c.VAPID_PUBLIC_KEY, privateKey: c.VAPID_PRIVATE_KEY, subject: c.VAPID_SUBJECT } as const)
      : ({ kind: 'generated', subject: c.VAPID_SUBJECT } as const),
  tickets: { baseUrl: c.TICKETS_INTERNAL_URL, timeoutMs: c.INTERNAL_TIMEOUT_MS },
  owners: {
    events: { baseUrl: c.EVENTS_INTERNAL_URL, timeoutMs: c.INTERNAL_TIMEOUT_MS },
    users: { baseUrl: c.USERS_INTERNAL_URL, timeoutMs: c.INTERNAL_TIMEOUT_MS },
  },
  delivery: {
    pollMs: c.DELIVERY_POLL_MS,
    maxAttempts: c.DELIVERY_MAX_ATTEMPTS,
    concurrency: c.DELIVERY_CONCURRENCY,
    initialBackoffMs: c.DELIVERY_BACKOFF_MS,
    maxBackoffMs: c.DELIVERY_MAX_BACKOFF_MS,
  },
});

/** The notifications service's own variables and the settings they become; `runStandalone` adds the infrastructure ones. */
export const notificationsSettings = settingsModel(variables, toSettings, pairedVapidKeys);
export type NotificationsSettings = z.infer<typeof notificationsSettings.schema>;
