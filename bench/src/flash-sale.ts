/**
 * 1. Flash sale: `connections` buyers race `attempts` single-ticket purchases for a ticket type of
 * `quantity` through the router. Afterwards the tickets database must hold exactly `quantity`
 * sold, as many ticket rows and as many outbox facts. Baseline: the purchase transaction alone
 * (sale lock, cancelled check, idempotency claim, conditional update, ticket insert, outbox insert)
 * issued with postgres.js at the same concurrency against a scratch database migrated with the
 * tickets service's own migrations.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { createScratchDatabase } from '@sbor/db';
import { bearer, gql, PURCHASE, type Actor, type Api } from './api.js';
import type { BenchPlatform } from './platform.js';
import { progress, round, summarize, type Summary } from './stats.js';

export interface FlashSaleSize {
  connections: number;
  attempts: number;
  quantity: number;
}

export interface SaleRun {
  sold: number;
  rejected: number;
  failed: number;
  /** Sold tickets per second until the last sale completed. */
  purchasesPerSecond: number;
  attemptsPerSecond: number;
  latencyMs: Summary;
  firstErrors: string[];
}

/** Bounded loop: `connections` workers take attempt numbers until `attempts` are used up. */
async function race(connections: number, attempts: number, attempt: (i: number) => Promise<'SOLD' | 'SOLD_OUT' | string>): Promise<SaleRun> {
  let next = 0;
  let sold = 0;
  let rejected = 0;
  let failed = 0;
  let lastSaleAt = 0;
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  const started = performance.now();
  const worker = async () => {
    while (next < attempts) {
      const i = next++;
      const t0 = performance.now();
      let outcome: string;
      try {
        outcome = await attempt(i);
      } catch (error) {
        outcome = error instanceof Error ? error.message : String(error);
      }
      const t1 = performance.now();
      latencies.push(t1 - t0);
      if (outcome === 'SOLD') {
        sold++;
        lastSaleAt = t1;
      } else if (outcome === 'SOLD_OUT') rejected++;
      else {
        failed++;
        if (firstErrors.length < 5) firstErrors.push(outcome);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const total = (performance.now() - started) / 1000;
  const toSellOut = ((lastSaleAt || performance.now()) - started) / 1000;
  return {
    sold,
    rejected,
    failed,
    purchasesPerSecond: sold / toSellOut,
    attemptsPerSecond: attempts / total,
    latencyMs: summarize(latencies),
    firstErrors,
  };
}

async function verifyTickets(databaseUrl: string, ticketTypeId: string, quantity: number, label: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [type] = await sql<{ sold: number; quantity: number }[]>`select sold, quantity from tickets.ticket_types where id = ${ticketTypeId}`;
    const [rows] = await sql<{ n: number }[]>`select count(*)::int as n from tickets.tickets where ticket_type_id = ${ticketTypeId}`;
    const [facts] = await sql<{ n: number }[]>`select count(*)::int as n from tickets.outbox where topic = 'ticket.purchased'`;
    const check = { sold: type?.sold, quantity: type?.quantity, ticketRows: rows?.n, outboxFacts: facts?.n };
    if (!type || type.sold !== quantity || rows?.n !== type.sold || facts?.n !== type.sold) {
      throw new Error(`FLASH SALE INVARIANT BROKEN (${label}): expected exactly ${quantity} sold with as many ticket rows and facts, got ${JSON.stringify(check)}`);
    }
    return check;
  } finally {
    await sql.end();
  }
}

export async function flashSale(platform: BenchPlatform, api: Api, organizer: Actor, size: FlashSaleSize) {
  progress(`flash sale: registering ${size.connections} buyers…`);
  const buyers = await api.signUpMany('Flash Buyer', size.connections);
  const eventId = await api.publishedEvent(organizer, 'Flash Sale');
  const typeId = await api.ticketType(organizer, eventId, size.quantity, 'Flash');
  // One warm-up purchase on another type, so the first racer does not pay for cold caches alone.
  const warmType = await api.ticketType(organizer, eventId, 10, 'Warm-up');
  await gql(platform.routerUrl, PURCHASE, { i: { eventId, ticketTypeId: warmType, quantity: 1, idempotencyKey: randomUUID() } }, bearer(buyers[0]!.token));

  progress(`flash sale: ${size.connections} connections, ${size.attempts} attempts for ${size.quantity} tickets through the router…`);
  const router = await race(size.connections, size.attempts, async (i) => {
    const buyer = buyers[i % buyers.length]!;
    const res = await gql<{ purchaseTickets: { id: string }[] }>(
      platform.routerUrl,
      PURCHASE,
      { i: { eventId, ticketTypeId: typeId, quantity: 1, idempotencyKey: randomUUID() } },
      bearer(buyer.token),
    );
    if (res.data?.purchaseTickets?.length === 1) return 'SOLD';
    const code = res.errors?.[0]?.extensions?.code;
    return code === 'SOLD_OUT' ? 'SOLD_OUT' : `${res.status} ${String(code)}: ${res.errors?.[0]?.message ?? JSON.stringify(res)}`;
  });
  // The warm-up sold one ticket of its own type: count facts for the flash type only.
  const routerCheck = await verifyTicketsExcluding(platform.databaseUrls.tickets, typeId, size.quantity, 'router');
  progress(`flash sale (router): ${router.sold} sold, ${router.rejected} sold out, ${router.failed} failed; DB ${JSON.stringify(routerCheck)}`);

  progress('flash sale: baseline, the same transaction straight to PostgreSQL…');
  const baseline = await baselineSale(size);
  progress(`flash sale (baseline): ${baseline.run.sold} sold, ${baseline.run.rejected} sold out, ${baseline.run.failed} failed`);

  if (router.sold !== size.quantity || router.failed > 0) {
    throw new Error(`FLASH SALE through the router sold ${router.sold} of ${size.quantity} with ${router.failed} failures: ${router.firstErrors.join(' | ')}`);
  }
  return { size, router, baseline: baseline.run, routerCheck, baselineCheck: baseline.check, ratio: round(router.purchasesPerSecond / baseline.run.purchasesPerSecond, 3) };
}

/** As verifyTickets, but the outbox also holds the warm-up's fact: count the flash type's facts by payload. */
async function verifyTicketsExcluding(databaseUrl: string, ticketTypeId: string, quantity: number, label: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [type] = await sql<{ sold: number; quantity: number }[]>`select sold, quantity from tickets.ticket_types where id = ${ticketTypeId}`;
    const [rows] = await sql<{ n: number }[]>`select count(*)::int as n from tickets.tickets where ticket_type_id = ${ticketTypeId}`;
    const [facts] = await sql<{ n: number }[]>`
      select count(*)::int as n from tickets.outbox
      where topic = 'ticket.purchased' and payload::jsonb -> 'data' ->> 'ticket_type_id' = ${ticketTypeId}`;
    const check = { sold: type?.sold, quantity: type?.quantity, ticketRows: rows?.n, outboxFacts: facts?.n };
    if (!type || type.sold !== quantity || rows?.n !== type.sold || facts?.n !== type.sold) {
      throw new Error(`FLASH SALE INVARIANT BROKEN (${label}): expected exactly ${quantity} sold with as many ticket rows and facts, got ${JSON.stringify(check)}`);
    }
    return check;
  } finally {
    await sql.end();
  }
}

/** The tickets service's pool size: the baseline gets the same number of database connections. */
const SERVICE_POOL = 10;

async function baselineSale(size: FlashSaleSize) {
  const db = await createScratchDatabase('sbor_bench_baseline');
  const sql = postgres(db.url, { max: SERVICE_POOL, onnotice: () => {} });
  try {
    const migration = readFileSync('subgraphs/tickets/migrations/0000_init.sql', 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) if (statement.trim()) await sql.unsafe(statement);
    const eventId = randomUUID();
    const [type] = await sql<{ id: string }[]>`
      insert into tickets.ticket_types (event_id, organizer_id, name, price_cents, currency, quantity, sales_start, sales_end, event_ends_at)
      values (${eventId}, ${randomUUID()}, 'Flash', 2500, 'EUR', ${size.quantity}, now() - interval '1 hour', now() + interval '40 hours', now() + interval '51 hours')
      returning id`;
    const typeId = type!.id;
    const userIds = Array.from({ length: size.connections }, () => randomUUID());
    const lockKey = `tickets.event:${eventId}`;
    const run = await race(size.connections, size.attempts, async (i) => {
      const userId = userIds[i % userIds.length]!;
      try {
        await sql.begin(async (tx) => {
          await tx`select pg_advisory_xact_lock_shared(hashtextextended(${lockKey}, 0))`;
          const cancelled = await tx`select event_id from tickets.cancelled_events where event_id = ${eventId}`;
          if (cancelled.length > 0) throw new Error('EVENT_CANCELLED');
          const [purchase] = await tx<{ id: string }[]>`
            insert into tickets.purchases (user_id, idempotency_key, event_id, ticket_type_id, quantity)
            values (${userId}, ${randomUUID()}, ${eventId}, ${typeId}, 1) on conflict do nothing returning *`;
          const reserved = await tx`update tickets.ticket_types set sold = sold + 1 where id = ${typeId} and sold + 1 <= quantity returning *`;
          if (reserved.length === 0) throw new Error('SOLD_OUT');
          const ticketId = randomUUID();
          const code = randomBytes(16).toString('base64url');
          const [ticket] = await tx<{ purchased_at: Date }[]>`
            insert into tickets.tickets (id, code, event_id, ticket_type_id, purchase_id, owner_id, qr_payload)
            values (${ticketId}, ${code}, ${eventId}, ${typeId}, ${purchase!.id}, ${userId}, ${randomBytes(120).toString('base64url')}) returning *`;
          const payload = JSON.stringify({
            id: randomUUID(),
            event: 'ticket.purchased',
            timestamp: new Date().toISOString(),
            data: { ticket_id: ticketId, event_id: eventId, ticket_type_id: typeId, user_id: userId, code, status: 'ACTIVE', purchased_at: ticket!.purchased_at.toISOString() },
          });
          await tx`insert into tickets.outbox (id, topic, key, payload) values (${randomUUID()}, 'ticket.purchased', ${ticketId}, ${payload})`;
        });
        return 'SOLD';
      } catch (error) {
        if (error instanceof Error && error.message === 'SOLD_OUT') return 'SOLD_OUT';
        throw error;
      }
    });
    const check = await verifyTickets(db.url, typeId, size.quantity, 'baseline');
    return { run, check };
  } finally {
    await sql.end();
    await db.drop();
  }
}
