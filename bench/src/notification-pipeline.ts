/**
 * 6. Notification pipeline throughput: N `order.paid` facts (the contract's shape, each for its own
 * buyer, one event) go straight into Kafka, as the tickets service's relay would publish them, and
 * we count the ORDER_PAID notifications the platform's notifications service publishes on Redis
 * (subscribed to every buyer's channel, under the run's prefix, as a subgraph replica would be). Rate = N ÷ (last
 * publish − first produce). Then, read straight from its database: exactly one notification and
 * one inbox row per fact. Nothing lost (every buyer heard once), nothing duplicated (no second
 * message, no second row).
 *
 * Baseline, same run: the consumer's database work alone. The same N facts, applied in
 * transactions of the consumer's batch size, one per partition at a time like the consumer,
 * against a scratch database migrated with the service's own migrations, through the service's
 * own code (the inbox insert, `applyFacts`, `notificationsRepositories`). A notification must be
 * stored with its inbox row before it may be published, so this is the rate the pipeline could
 * reach if Kafka, the process's other work and the Redis publish cost nothing; pipeline ÷ baseline
 * is what they cost.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { connectRedisCache } from '@sbor/cache';
import { createScratchDatabase, databaseOnPostgres } from '@sbor/db';
import { createKafkaBus, makeFact, TraceHeaders, type Fact } from '@sbor/messaging';
import { notificationsRepositories } from '../../subgraphs/notifications/src/db/repositories.js';
import { inbox } from '../../subgraphs/notifications/src/db/schema.js';
import { applyFacts } from '../../subgraphs/notifications/src/messaging/fact-handlers.js';
import { CONSUMER_HOPS, hopsBetween, scrapeServices, type HopFigures } from './pipeline-trace.js';
import type { BenchPlatform } from './platform.js';
import { pool, progress, round, sleep } from './stats.js';

export interface PipelineSize {
  facts: number;
}

export interface PipelineRun {
  facts: number;
  /** Distinct buyers whose ORDER_PAID was published (or, for the baseline, stored). */
  delivered: number;
  lost: number;
  duplicated: number;
  seconds: number;
  perSecond: number;
}

/** The notifications service's consumer: partitions of a topic (infra creates 3) and facts per transaction. */
const PARTITIONS = 3;
const CONSUMER_BATCH = Number(process.env.BENCH_CONSUMER_BATCH ?? 50);
const SERVICE_POOL = 10;
const PRODUCE_CHUNK = 500;
const MIGRATIONS = fileURLToPath(new URL('../../subgraphs/notifications/migrations', import.meta.url));

function paidOrders(eventId: string, count: number): Fact<'order.paid'>[] {
  return Array.from({ length: count }, (_, i) =>
    makeFact('order.paid', {
      order_id: randomUUID(),
      number: `SB-BNCH-${String(i).padStart(6, '0')}`,
      event_id: eventId,
      buyer_id: randomUUID(),
      total_cents: 0,
      currency: 'EUR',
      provider: 'FREE',
      paid_at: new Date().toISOString(),
      ticket_ids: [randomUUID()],
    }),
  );
}

const published = (eventId: string) =>
  makeFact('event.published', {
    event_id: eventId,
    organizer_id: randomUUID(),
    title: 'Pipeline Night',
    starts_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    ends_at: new Date(Date.now() + 7 * 86_400_000 + 3 * 3_600_000).toISOString(),
    venue: 'Bench Hall',
    published_at: new Date().toISOString(),
  });

/** Published as the relay does: key = the aggregate, value = the envelope, its trace stamps. */
const messageOf = (fact: Fact<'order.paid'> | Fact<'event.published'>, now = String(Date.now())) => ({
  topic: fact.event,
  key: 'order_id' in fact.data ? fact.data.order_id : fact.data.event_id,
  value: JSON.stringify(fact),
  headers: { [TraceHeaders.writtenAt]: now, [TraceHeaders.publishedAt]: now },
});

async function throughPlatform(platform: BenchPlatform, eventId: string, facts: readonly Fact<'order.paid'>[]) {
  const bus = createKafkaBus({ brokers: platform.kafkaBrokers, clientId: 'sbor-bench-pipeline' });
  const redis = await connectRedisCache(platform.redisUrl, { keyPrefix: platform.cachePrefix });
  const pg = postgres(platform.databaseUrls.notifications, { max: 2, onnotice: () => {} });
  try {
    // The event first, as in production: the notices name it. The buyers have no addresses here:
    // notifications checks a user.registered fact with the users service, which does not know
    // these made-up buyers, and emails only verified addresses, so the pipeline sends no email.
    await bus.publish([messageOf(published(eventId))]);
    const deadline = Date.now() + 60_000;
    while ((await pg`select 1 from notifications.events where event_id = ${eventId}`).length === 0) {
      if (Date.now() > deadline) throw new Error('event.published was not consumed within 60 s');
      await sleep(50);
    }
    const buyers = new Set(facts.map((f) => f.data.buyer_id));
    const heard = new Map<string, number>();
    let messages = 0;
    let lastAt = 0;
    progress(`notification pipeline: subscribing to ${buyers.size} buyers' channels…`);
    await pool([...buyers], 100, (userId) =>
      redis.subscribe(`notifications:${userId}`, (message) => {
        if ((JSON.parse(message) as { type?: string }).type !== 'ORDER_PAID') return;
        messages++;
        heard.set(userId, (heard.get(userId) ?? 0) + 1);
        lastAt = performance.now();
      }),
    );
    const before = await scrapeServices(platform.subgraphUrls);

    progress(`notification pipeline: producing ${facts.length} order.paid facts into Kafka…`);
    const started = performance.now();
    for (let i = 0; i < facts.length; i += PRODUCE_CHUNK) {
      const now = String(Date.now());
      await bus.publish(facts.slice(i, i + PRODUCE_CHUNK).map((fact) => messageOf(fact, now)));
    }
    const producedSeconds = (performance.now() - started) / 1000;
    progress(`notification pipeline: produced in ${round(producedSeconds, 2)} s; waiting for the notifications…`);
    let seen = 0;
    let quietSince = performance.now();
    while (heard.size < buyers.size && performance.now() - quietSince < 15_000) {
      await sleep(100);
      if (heard.size !== seen) [seen, quietSince] = [heard.size, performance.now()];
    }
    // Anything published twice would come right behind the first copy.
    await sleep(1_000);
    const hops = hopsBetween(before, await scrapeServices(platform.subgraphUrls), CONSUMER_HOPS);
    const seconds = ((lastAt || performance.now()) - started) / 1000;
    const stored = await storedPerFact(pg, facts);
    const run: PipelineRun = {
      facts: facts.length,
      delivered: heard.size,
      lost: buyers.size - heard.size,
      duplicated: messages - heard.size,
      seconds: round(seconds, 2),
      perSecond: round(heard.size / seconds, 0),
    };
    return { run, producedSeconds: round(producedSeconds, 2), stored, hops };
  } finally {
    await redis.close();
    await pg.end();
    await bus.close();
  }
}

/** Rows per fact in the platform's notifications database: each should have exactly one notification and one inbox row. */
async function storedPerFact(pg: postgres.Sql, facts: readonly Fact<'order.paid'>[]) {
  const ids = facts.map((f) => f.id);
  const [rows] = await pg<{ notifications: number; distinct: number }[]>`
    select count(*)::int as notifications, count(distinct source_fact_id)::int as distinct
    from notifications.notifications where source_fact_id = any(${ids}::uuid[])`;
  const [claimed] = await pg<{ inbox: number }[]>`
    select count(*)::int as inbox from notifications.inbox where message_id = any(${ids}::text[])`;
  // Only with SMTP_URL set for the platform: how far the email worker, sharing the process, got.
  const [emails] = await pg<{ sent: number }[]>`
    select count(*)::int as sent from notifications.deliveries d join notifications.notifications n on n.id = d.notification_id
    where d.sent_at is not null and n.source_fact_id = any(${ids}::uuid[])`;
  return { notifications: rows!.notifications, distinctFacts: rows!.distinct, inboxRows: claimed!.inbox, emailsSent: emails!.sent };
}

/** The consumer's transactions alone, fed from memory: see the header. */
async function databaseOnly(eventId: string, facts: readonly Fact<'order.paid'>[]): Promise<PipelineRun> {
  const scratch = await createScratchDatabase('sbor_bench_baseline_notifications');
  const database = databaseOnPostgres(scratch.url, { max: SERVICE_POOL, applicationName: 'sbor-bench-pipeline' });
  try {
    await database.migrate({ migrationsFolder: MIGRATIONS, schema: 'notifications' });
    const { db } = database;
    await applyFacts([published(eventId)], notificationsRepositories(db), { email: false });
    // One queue per partition, as the consumer has; each applies its facts a batch per transaction.
    const partitions = Array.from({ length: PARTITIONS }, (_, p) => facts.filter((_, i) => i % PARTITIONS === p));
    const started = performance.now();
    await pool(partitions, PARTITIONS, async (queue) => {
      for (let i = 0; i < queue.length; i += CONSUMER_BATCH) {
        const batch = queue.slice(i, i + CONSUMER_BATCH);
        await db.transaction(async (tx) => {
          await tx
            .insert(inbox)
            .values(batch.map((f) => ({ consumerGroup: 'notifications', messageId: f.id })))
            .onConflictDoNothing();
          await applyFacts(batch, notificationsRepositories(tx), { email: false });
        });
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const pg = postgres(scratch.url, { max: 1, onnotice: () => {} });
    const [row] = await pg<{ n: number; users: number }[]>`
      select count(*)::int as n, count(distinct user_id)::int as users from notifications.notifications where type = 'ORDER_PAID'`.finally(
      () => pg.end(),
    );
    const users = row?.users ?? 0;
    return {
      facts: facts.length,
      delivered: users,
      lost: facts.length - users,
      duplicated: (row?.n ?? 0) - users,
      seconds: round(seconds, 2),
      perSecond: round(users / seconds, 0),
    };
  } finally {
    await database.close();
    await scratch.drop();
  }
}

export interface PipelineResult {
  size: PipelineSize;
  pipeline: PipelineRun;
  baseline: PipelineRun;
  ratio: number;
  producedSeconds: number;
  stored: { notifications: number; distinctFacts: number; inboxRows: number; emailsSent: number };
  hops: HopFigures[];
  broken: string[];
}

export async function notificationPipeline(platform: BenchPlatform, size: PipelineSize): Promise<PipelineResult> {
  const eventId = randomUUID();
  const facts = paidOrders(eventId, size.facts);
  const { run, producedSeconds, stored, hops } = await throughPlatform(platform, eventId, facts);
  progress(`notification pipeline: ${run.delivered}/${run.facts} published, ${run.perSecond}/s; baseline (database only)…`);
  const baseline = await databaseOnly(randomUUID(), paidOrders(randomUUID(), size.facts));
  const broken = [
    run.lost > 0 ? `${run.lost} notifications never published` : '',
    run.duplicated > 0 ? `${run.duplicated} published twice` : '',
    stored.notifications !== facts.length || stored.distinctFacts !== facts.length ? `stored ${JSON.stringify(stored)}` : '',
    stored.inboxRows !== facts.length ? `${stored.inboxRows} inbox rows for ${facts.length} facts` : '',
    baseline.lost + baseline.duplicated > 0 ? `baseline stored ${baseline.delivered} of ${baseline.facts}` : '',
  ].filter(Boolean);
  return { size, pipeline: run, baseline, ratio: round(run.perSecond / baseline.perSecond), producedSeconds, stored, hops, broken };
}
