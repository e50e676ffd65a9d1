/** Helpers for the events service's integration tests: real PostgreSQL and the real Kafka broker. */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createMemoryCache } from '@sbor/cache';
import { AppError, ErrorCode, createLogger, parseInput, type Viewer } from '@sbor/core';
import { createScratchDatabase, databaseOnPostgres, type Database, type ScratchDatabase } from '@sbor/db';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createKafkaBus, createMemoryBus, parseBrokers, type Bus, type IncomingMessage, type Subscription } from '@sbor/messaging';
import { sleep } from '@sbor/testing';
import { eventsSettings } from '../src/config.js';
import { eventsRepositories } from '../src/db/repositories.js';
import { OrganizerEvents, type OrganizerEventsOptions } from '../src/domain/organizer-events.js';
import { createEventInput, type CreateEventInput } from '../src/domain/validation.js';
import { eventsSubgraph, type EventsDomain } from '../src/subgraph.js';

export const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));
export const testLogger = createLogger('events-test', process.env.TEST_LOG_LEVEL ?? 'silent');

export const organizer = (): Viewer => ({ userId: randomUUID(), role: 'ORGANIZER', tokenId: randomUUID() });

const HOUR = 60 * 60 * 1000;
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR);

/** A scratch database with the events schema, and `replicas` pools on it: separate service instances. */
export async function eventsDatabase(replicas = 2): Promise<{ scratch: ScratchDatabase; pools: Database[]; close: () => Promise<void> }> {
  const scratch = await createScratchDatabase('sbor_events_it');
  const pools = Array.from({ length: replicas }, (_, i) => databaseOnPostgres(scratch.url, { applicationName: `events-replica-${i + 1}` }));
  await pools[0]!.migrate({ migrationsFolder: MIGRATIONS, schema: 'events' });
  return {
    scratch,
    pools,
    close: async () => {
      for (const pool of pools) await pool.close();
      await scratch.drop();
    },
  };
}

export function kafkaBus(clientId = 'events-test'): Bus {
  return createKafkaBus({
    brokers: parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'),
    clientId,
    logger: testLogger,
    publishRetries: 2,
  });
}

/** Topics are shared with other runs: a fresh group from the end of the topic, and only our keys. */
export async function observe(
  bus: Bus,
  topic: string,
  keys: ReadonlySet<string>,
): Promise<{ seen: IncomingMessage[]; subscription: Subscription }> {
  const seen: IncomingMessage[] = [];
  const subscription = await bus.subscribe({
    groupId: `events-test-${topic}-${randomUUID()}`,
    topics: [topic],
    startAt: 'latest',
    handler: async (message) => {
      if (message.key && keys.has(message.key)) seen.push(message);
    },
  });
  return { seen, subscription };
}

/** Long enough for a duplicate, had there been one, to arrive after the expected messages. */
export const settle = () => sleep(750);

/** One service instance's organizer rules on `replica`, over the drizzle repositories. */
export const organizerEventsOn = (replica: Database, options: OrganizerEventsOptions = {}) =>
  new OrganizerEvents(eventsRepositories(replica.db), options);

/** A createEvent input as the resolver hands it to the domain: parsed, description and category defaulted. */
export const eventInput = (fields: Record<string, unknown>): CreateEventInput => parseInput(createEventInput, fields);

/** Creates and publishes an event starting `startsInHours` from now; returns its id. */
export async function publishedEvent(
  events: OrganizerEvents,
  who: Viewer,
  startsInHours: number,
  title = 'Integration night',
): Promise<string> {
  const created = await events.create(
    who,
    eventInput({
      title,
      description: 'An event made by the integration tests.',
      venue: 'Test Hall',
      startsAt: inHours(startsInHours),
      endsAt: inHours(startsInHours + 2),
    }),
  );
  await events.publish(who, created.id);
  return created.id;
}

export const factIds = (messages: readonly IncomingMessage[]) => messages.map((m) => (JSON.parse(m.value) as { id: string }).id);

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * A started events service on a scratch database, behind the router secret, and a `gql` that
 * calls it as `viewer` (anonymous when none). Tokens are opaque here: each names a viewer, so the
 * tests are about the service, not JWTs.
 */
/** `variables` override the service's environment (e.g. a low limit). */
export async function startEventsService(variables: Record<string, string> = {}) {
  const routerSecret = 'events-service-test-secret';
  const scratch = await eventsDatabase(1);
  const database = scratch.pools[0]!;
  const bus = createMemoryBus({ logger: testLogger });
  const viewers = new Map<string, Viewer>();
  const service: RunningSubgraph<EventsDomain> = await startSubgraph(
    eventsSubgraph,
    eventsSettings.load({ EVENTS_PORT: '0', ROUTER_SECRET: routerSecret, REMINDER_INTERVAL_MS: '60000', ...variables }),
    {
      database,
      cache: createMemoryCache(),
      bus,
      logger: testLogger,
      verifyToken: async (token) => {
        const viewer = viewers.get(token);
        if (!viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, 'unknown test token');
        return viewer;
      },
    },
  );
  const tokenFor = (viewer: Viewer) => {
    const token = randomUUID();
    viewers.set(token, viewer);
    return token;
  };
  async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, viewer?: Viewer) {
    const response = await fetch(service.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'router-authorization': routerSecret,
        ...(viewer ? { authorization: `Bearer ${tokenFor(viewer)}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer<T>;
  }
  return {
    service,
    database,
    routerSecret,
    gql,
    close: async () => {
      await service.stop();
      await bus.close();
      await scratch.close();
    },
  };
}
