/** What the fault tests do to the platform (buy in a stream) and how they check nothing was lost. */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import postgres from 'postgres';
import type { TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, type Actor } from '../../e2e/support/actors.js';
import { sleep, type Cluster } from './cluster.js';

export const CREATE_TYPE = `mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }`;
export const PURCHASE = `mutation Purchase($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }`;

export function actors(cluster: Cluster) {
  return actorsOn({ gql: cluster.gql } as unknown as TestPlatform);
}

export interface Sale {
  organizer: Actor;
  buyers: Actor[];
  eventId: string;
  ticketTypeId: string;
}

/** An organizer, a published event with one ticket type of `quantity`, and `buyerCount` buyers. */
export async function openSale(cluster: Cluster, buyerCount = 4, quantity = 1000): Promise<Sale> {
  const api = actors(cluster);
  const organizer = await api.signUp('Fault Organizer', true);
  const event = await api.publishedEvent(organizer, 'Fault Night');
  const type = await api.ok<{ id: string }>(
    CREATE_TYPE,
    { e: event.id, i: { name: 'Standing', priceCents: 0, currency: 'EUR', quantity, salesStart: inHours(-1), salesEnd: inHours(40) } },
    organizer.token,
  );
  const buyers = await Promise.all(Array.from({ length: buyerCount }, (_, i) => api.signUp(`Buyer ${i}`)));
  return { organizer, buyers, eventId: event.id, ticketTypeId: type.id };
}

export interface PurchaseOutcome {
  ms: number;
  ticketIds: string[];
  code?: string;
}

export async function purchase(cluster: Cluster, sale: Sale, buyer: Actor, quantity = 1): Promise<PurchaseOutcome> {
  const started = performance.now();
  try {
    const res = await cluster.gql<{ purchaseTickets: { id: string }[] }>(
      PURCHASE,
      { i: { eventId: sale.eventId, ticketTypeId: sale.ticketTypeId, quantity, idempotencyKey: randomUUID() } },
      { token: buyer.token },
    );
    const ms = performance.now() - started;
    if (res.errors?.length) return { ms, ticketIds: [], code: String(res.errors[0]!.extensions?.code ?? 'ERROR') };
    return { ms, ticketIds: (res.data?.purchaseTickets ?? []).map((t) => t.id) };
  } catch (error) {
    return { ms: performance.now() - started, ticketIds: [], code: `NETWORK: ${(error as Error).message}` };
  }
}

export interface Stream {
  /** Every outcome so far. */
  outcomes: PurchaseOutcome[];
  /** Resolves once `count` purchases were made (or `stop()` was called). */
  done: Promise<PurchaseOutcome[]>;
  stop(): void;
}

/** Purchases one after another on `concurrency` lanes, `pauseMs` apart on each lane. */
export function purchaseStream(
  cluster: Cluster,
  sale: Sale,
  { count, concurrency = 4, pauseMs = 50 }: { count: number; concurrency?: number; pauseMs?: number },
): Stream {
  const outcomes: PurchaseOutcome[] = [];
  let started = 0;
  let stopped = false;
  const lane = async (i: number) => {
    while (!stopped && started < count) {
      started++;
      outcomes.push(await purchase(cluster, sale, sale.buyers[i % sale.buyers.length]!));
      await sleep(pauseMs);
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, (_, i) => lane(i))).then(() => outcomes);
  return { outcomes, done, stop: () => void (stopped = true) };
}

export const sold = (outcomes: PurchaseOutcome[]) => outcomes.flatMap((o) => o.ticketIds);

/** Runs `fn` with a short-lived postgres.js connection to `url`. */
export async function withSql<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

export async function ticketsInDatabase(cluster: Cluster, eventId: string): Promise<{ ids: string[]; soldCounter: number }> {
  return withSql(cluster.databaseUrls.tickets, async (sql) => {
    const rows = await sql<{ id: string }[]>`select id from tickets.tickets where event_id = ${eventId}`;
    const [counter] = await sql<
      { sold: number }[]
    >`select coalesce(sum(sold), 0)::int as sold from tickets.ticket_types where event_id = ${eventId}`;
    return { ids: rows.map((r) => r.id), soldCounter: counter?.sold ?? -1 };
  });
}

/**
 * ORDER_PAID notifications per ticket of the event. One per order, linked to its first ticket: the
 * scenario's purchases are of one ticket each, so that is one per ticket.
 */
export async function purchaseNotifications(cluster: Cluster, eventId: string): Promise<Map<string, number>> {
  return withSql(cluster.databaseUrls.notifications, async (sql) => {
    const rows = await sql<{ ticket_id: string; n: number }[]>`
      select ticket_id, count(*)::int as n from notifications.notifications
      where type = 'ORDER_PAID' and event_id = ${eventId} group by ticket_id`;
    return new Map(rows.map((r) => [r.ticket_id, r.n]));
  });
}

export interface TopicRead {
  /** Distinct fact ids per ticket id. */
  factsByTicket: Map<string, Set<string>>;
  /** Messages read for this event (duplicates of one fact included). */
  messages: number;
}

/** Reads `ticket.purchased` from the beginning to its current end with a fresh group; keeps this event's facts. */
export async function readPurchasedFacts(brokers: string, eventId: string, timeoutMs = 45_000): Promise<TopicRead> {
  const kafka = new Kafka({ clientId: 'sbor-fault-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets('ticket.purchased');
  await admin.disconnect();
  const remaining = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
  const result: TopicRead = { factsByTicket: new Map(), messages: 0 };
  if (remaining.size === 0) return result;
  const consumer = kafka.consumer({ groupId: `sbor-fault-reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: 'ticket.purchased', fromBeginning: true });
    let finish!: () => void;
    const finished = new Promise<void>((r) => (finish = r));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        let fact: { id?: string; data?: { event_id?: string; ticket_id?: string } } = {};
        try {
          // Other suites share the topic, some with deliberately malformed messages.
          fact = JSON.parse(message.value?.toString('utf8') ?? '{}') as typeof fact;
        } catch {
          fact = {};
        }
        if (fact?.data?.event_id === eventId && fact.data.ticket_id && fact.id) {
          result.messages++;
          const facts = result.factsByTicket.get(fact.data.ticket_id) ?? new Set<string>();
          facts.add(fact.id);
          result.factsByTicket.set(fact.data.ticket_id, facts);
        }
        const end = remaining.get(partition);
        if (end !== undefined && Number(message.offset) + 1 >= end) remaining.delete(partition);
        if (remaining.size === 0) finish();
      },
    });
    await Promise.race([
      finished,
      sleep(timeoutMs).then(() => {
        throw new Error(`reading ticket.purchased timed out; partitions left: ${JSON.stringify([...remaining])}`);
      }),
    ]);
    return result;
  } finally {
    await consumer.disconnect().catch(() => {});
  }
}

/**
 * The claims after a fault: every purchase that answered success is stored, every stored ticket
 * has exactly one `ticket.purchased` fact on the topic and exactly one ORDER_PAID notification
 * (purchases are one ticket each), and nothing else was sold.
 */
export async function verifyNothingLost(cluster: Cluster, eventId: string, succeeded: string[]) {
  const stored = await ticketsInDatabase(cluster, eventId);
  const topic = await readPurchasedFacts(cluster.env.KAFKA_BROKERS!, eventId);
  const notified = await purchaseNotifications(cluster, eventId);
  const storedSet = new Set(stored.ids);
  return {
    stored,
    topic,
    notified,
    missingFromDatabase: succeeded.filter((id) => !storedSet.has(id)),
    withoutFact: stored.ids.filter((id) => !topic.factsByTicket.has(id)),
    withSeveralFacts: [...topic.factsByTicket].filter(([, facts]) => facts.size !== 1).map(([id]) => id),
    factsForUnknownTickets: [...topic.factsByTicket.keys()].filter((id) => !storedSet.has(id)),
    withoutNotification: stored.ids.filter((id) => notified.get(id) !== 1),
    notificationsForUnknownTickets: [...notified.keys()].filter((id) => !storedSet.has(id)),
    duplicateMessages: topic.messages - topic.factsByTicket.size,
  };
}
