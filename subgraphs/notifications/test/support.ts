/** Shared by the notifications integration tests: real PostgreSQL, Kafka and Redis, one service per file. */
import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { connectRedisCache, type Cache } from '@sbor/cache';
import { createLogger } from '@sbor/core';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createScratchDatabase, databaseOnPostgres, type Db } from '@sbor/db';
import { createKafkaBus, makeFact, parseBrokers, type Bus, type FactData, type Topic } from '@sbor/messaging';
import { startTokenIssuer } from '@sbor/testing';
import { notificationsSettings } from '../src/config.js';
import type { PushNetwork } from '../src/delivery/push-network.js';
import { markUserEmailVerified, saveUserEmail } from '../src/db/queries/user-contacts.js';
import { notificationsSubgraph } from '../src/subgraph.js';
import { startOwnersStub, type OwnersStub } from './owners-stub.js';

export const ROUTER_SECRET = 'test-router-secret-0123456789';
export const brokers = parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092');
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const testLogger = createLogger('notifications-test', process.env.TEST_LOG_LEVEL ?? 'silent');

export interface Harness {
  /** The service's Redis namespace: keys and pub/sub channels start with it. */
  keyPrefix: string;
  server: RunningSubgraph<unknown>;
  /** Direct access to the service's database, to check what it stored. */
  db: Db;
  bus: Bus;
  /** Another client on the service's Redis key prefix, to look at its cache. */
  redis: Cache;
  groupId: string;
  /** An access token for `userId`, valid for 15 minutes unless `expiresIn` says otherwise (a duration or an epoch in seconds). */
  token: (userId: string, expiresIn?: number | string) => Promise<string>;
  /** The tickets, events and users services as notifications asks them. */
  owners: OwnersStub;
  /**
   * Publishes a fact as its producer would: an event.cancelled, user.registered or user.email_verified is made true at
   * its owner (the stub) first, since notifications checks it there. `forge` publishes it as is.
   */
  publish: <T extends Topic>(topic: T, data: FactData<T>, id?: string, forge?: boolean) => Promise<string>;
  publishRaw: (topic: string, key: string, value: string) => Promise<void>;
  gql: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ) => Promise<{ status: number; data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  stop: () => Promise<void>;
}

/**
 * Starts the service on a scratch database, listening to Kafka from now on in a group of its own.
 * `pushNetwork` lets web push reach a test's own loopback push service; without it, only public addresses.
 */
export async function startHarness(env: Record<string, string> = {}, options: { pushNetwork?: PushNetwork } = {}): Promise<Harness> {
  const scratch = await createScratchDatabase('notifications_test');
  const issuer = await startTokenIssuer();
  const keyPrefix = `notifications-test-${randomUUID()}:`;
  const cache = await connectRedisCache(redisUrl, { keyPrefix });
  const redis = await connectRedisCache(redisUrl, { keyPrefix });
  const bus = createKafkaBus({
    brokers,
    clientId: 'notifications-test',
    logger: testLogger,
    retry: { initialDelayMs: 10, maxDelayMs: 50 },
  });
  const database = databaseOnPostgres(scratch.url, { max: 5 });
  const groupId = `notifications-test-${randomUUID()}`;
  const owners = await startOwnersStub(ROUTER_SECRET);
  const loaded = notificationsSettings.load({
    ROUTER_SECRET,
    NOTIFICATIONS_PORT: '0',
    NODE_ENV: 'test',
    NOTIFICATIONS_GROUP_ID: groupId,
    NOTIFICATIONS_START_AT: 'latest',
    DELIVERY_POLL_MS: '100',
    DELIVERY_BACKOFF_MS: '100',
    DELIVERY_MAX_BACKOFF_MS: '400',
    TICKETS_INTERNAL_URL: owners.url,
    EVENTS_INTERNAL_URL: owners.url,
    USERS_INTERNAL_URL: owners.url,
    ...env,
  });
  const settings = options.pushNetwork ? { ...loaded, pushNetwork: options.pushNetwork } : loaded;
  const server = await startSubgraph(notificationsSubgraph, settings, {
    database,
    cache,
    bus,
    logger: testLogger,
    verifyToken: issuer.verifyToken,
  });
  const client = postgres(scratch.url, { max: 2, onnotice: () => {} });
  return {
    keyPrefix,
    server,
    db: drizzle(client),
    bus,
    redis,
    groupId,
    owners,
    token: async (userId, expiresIn) => (await issuer.sign({ userId, expiresIn })).token,
    publish: async (topic, data, id, forge = false) => {
      const fact = makeFact(topic, data, id ? { id } : {});
      if (!forge && fact.event === 'event.cancelled') {
        const d = fact.data as FactData<'event.cancelled'>;
        owners.events.set(d.event_id, { status: 'CANCELLED', organizerId: d.organizer_id });
      }
      if (!forge && fact.event === 'user.registered') {
        const d = fact.data as FactData<'user.registered'>;
        owners.users.set(d.email, d.user_id);
      }
      if (!forge && fact.event === 'user.email_verified') owners.verified.add((fact.data as FactData<'user.email_verified'>).user_id);
      // The aggregate, as the producers key them: the order, else the ticket, else the event, else the user.
      const key =
        'order_id' in data ? data.order_id : 'ticket_id' in data ? data.ticket_id : 'event_id' in data ? data.event_id : data.user_id;
      await bus.publish([{ topic, key, value: JSON.stringify(fact) }]);
      return fact.id;
    },
    publishRaw: (topic, key, value) => bus.publish([{ topic, key, value }]),
    gql: async (query, variables, token) => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'router-authorization': ROUTER_SECRET,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    stop: async () => {
      await server.stop();
      await bus.close();
      await Promise.all([cache.close(), redis.close(), client.end(), database.close(), issuer.close(), owners.close()]);
      await scratch.drop();
    },
  };
}

/**
 * The user's address as the users service's facts leave it once they confirmed it: registered a
 * minute ago, verified now. Email goes only to verified addresses.
 */
export async function verifiedAddress(db: Db, userId: string, email: string): Promise<void> {
  await saveUserEmail(db, userId, email, new Date(Date.now() - 60_000));
  await markUserEmailVerified(db, userId, new Date());
}

/** What every order fact names; the number is the human form the tickets service shows. */
const orderFields = () => ({
  order_id: randomUUID(),
  number: `SB-${randomUUID().slice(0, 4).toUpperCase()}-${randomUUID().slice(0, 4).toUpperCase()}`,
  event_id: randomUUID(),
  buyer_id: randomUUID(),
});

/** Fact data with fresh ids; override what the test cares about. */
export const facts = {
  purchased: (o: Partial<FactData<'ticket.purchased'>> = {}): FactData<'ticket.purchased'> => ({
    ticket_id: randomUUID(),
    event_id: randomUUID(),
    ticket_type_id: randomUUID(),
    user_id: randomUUID(),
    status: 'ACTIVE',
    purchased_at: new Date().toISOString(),
    ...o,
  }),
  published: (o: Partial<FactData<'event.published'>> = {}): FactData<'event.published'> => ({
    event_id: randomUUID(),
    organizer_id: randomUUID(),
    title: 'Jazz Night',
    starts_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    ends_at: new Date(Date.now() + 7 * 86_400_000 + 3 * 3_600_000).toISOString(),
    venue: 'Blue Hall',
    published_at: new Date().toISOString(),
    ...o,
  }),
  cancelled: (o: Partial<FactData<'event.cancelled'>> = {}): FactData<'event.cancelled'> => ({
    event_id: randomUUID(),
    organizer_id: randomUUID(),
    title: 'Jazz Night',
    reason: 'The band is ill',
    cancelled_at: new Date().toISOString(),
    starts_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    ...o,
  }),
  reminder: (o: Partial<FactData<'event.reminder'>> = {}): FactData<'event.reminder'> => ({
    event_id: randomUUID(),
    title: 'Jazz Night',
    starts_at: new Date(Date.now() + 3_600_000).toISOString(),
    venue: 'Blue Hall',
    offset: '1h',
    reminder_id: randomUUID(),
    ...o,
  }),
  ticketCancelled: (o: Partial<FactData<'ticket.cancelled'>> = {}): FactData<'ticket.cancelled'> => ({
    ticket_id: randomUUID(),
    event_id: randomUUID(),
    user_id: randomUUID(),
    reason: 'EVENT_CANCELLED',
    cancelled_at: new Date().toISOString(),
    ...o,
  }),
  /** One order's tickets paid; `ticket_ids` default to two fresh ones. */
  orderPaid: (o: Partial<FactData<'order.paid'>> = {}): FactData<'order.paid'> => ({
    ...orderFields(),
    total_cents: 4500,
    currency: 'EUR',
    provider: 'SANDBOX',
    paid_at: new Date().toISOString(),
    ticket_ids: [randomUUID(), randomUUID()],
    ...o,
  }),
  orderExpired: (o: Partial<FactData<'order.expired'>> = {}): FactData<'order.expired'> => ({
    ...orderFields(),
    expired_at: new Date().toISOString(),
    ...o,
  }),
  orderRefunded: (o: Partial<FactData<'order.refunded'>> = {}): FactData<'order.refunded'> => ({
    ...orderFields(),
    refund_id: randomUUID(),
    amount_cents: 3000,
    currency: 'EUR',
    ticket_ids: [randomUUID(), randomUUID()],
    reason: null,
    status: 'REFUNDED',
    refunded_at: new Date().toISOString(),
    ...o,
  }),
  /** A waiting-list hold of two Balcony tickets for the buyer, ending in an hour. */
  waitingListOffered: (o: Partial<FactData<'waitinglist.offered'>> = {}): FactData<'waitinglist.offered'> => ({
    ...orderFields(),
    entry_id: randomUUID(),
    ticket_type_id: randomUUID(),
    ticket_type_name: 'Balcony',
    quantity: 2,
    total_cents: 8000,
    currency: 'EUR',
    offer_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    ...o,
  }),
};
