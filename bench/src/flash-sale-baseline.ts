/**
 * The flash sale's baselines: a purchase's database work alone, sent with postgres.js at the
 * benchmark's concurrency, against a scratch database migrated with the tickets service's own
 * migrations. Two shapes, both measured in every run:
 *
 * - `statement`: what the tickets service sends today (subgraphs/tickets/src/db/queries/sale.ts):
 *   one statement — conditional update, idempotency claim, ticket, outbox fact — in autocommit.
 * - `transaction`: the same work as issue 6 words it, a transaction with a round trip per
 *   statement (sale lock, cancelled check, claim, conditional update, ticket insert, outbox insert),
 *   which is how the service did it before.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { createScratchDatabase } from '@sbor/db';
import { race, verifyTickets, type FlashSaleSize } from './sale-race.js';

export type BaselineShape = 'statement' | 'transaction';

/** The tickets service's pool size: the baseline gets the same number of database connections. */
const SERVICE_POOL = 10;
const MIGRATIONS = 'subgraphs/tickets/migrations';

type Sql = postgres.Sql;

interface Attempt {
  eventId: string;
  typeId: string;
  userId: string;
}

function factPayload(ticketId: string, code: string, a: Attempt, purchasedAt: string) {
  return JSON.stringify({
    id: randomUUID(),
    event: 'ticket.purchased',
    timestamp: new Date().toISOString(),
    data: {
      ticket_id: ticketId,
      event_id: a.eventId,
      ticket_type_id: a.typeId,
      user_id: a.userId,
      code,
      status: 'ACTIVE',
      purchased_at: purchasedAt,
    },
  });
}

/** The service's sale statement, values made beforehand as the service makes them. */
async function sellInOneStatement(sql: Sql, a: Attempt): Promise<boolean> {
  const ticketId = randomUUID();
  const code = randomBytes(16).toString('base64url');
  const purchasedAt = new Date().toISOString();
  // postgres.js serializes these itself for a jsonb parameter (drizzle, in the service, sends text).
  const ticketsJson = sql.json([{ id: ticketId, code, qr_payload: randomBytes(120).toString('base64url') }]);
  const factsJson = sql.json([
    { id: randomUUID(), topic: 'ticket.purchased', key: ticketId, payload: factPayload(ticketId, code, a, purchasedAt) },
  ]);
  const [row] = await sql<{ sold: number }[]>`
    with prior as (
      select 1 from tickets.purchases where user_id = ${a.userId} and idempotency_key = ${randomUUID()}
    ), reserved as (
      update tickets.ticket_types set sold = sold + 1
      where id = ${a.typeId} and sold + 1 <= quantity and not sales_closed and not exists (select 1 from prior)
        and not exists (select 1 from tickets.cancelled_events where event_id = ${a.eventId})
      returning id
    ), claim as (
      insert into tickets.purchases (id, user_id, idempotency_key, event_id, ticket_type_id, quantity)
      select ${randomUUID()}, ${a.userId}, ${randomUUID()}, ${a.eventId}, ${a.typeId}, 1 where exists (select 1 from reserved)
      returning id
    ), sold as (
      insert into tickets.tickets (id, code, event_id, ticket_type_id, purchase_id, owner_id, qr_payload, purchased_at)
      select t.id, t.code, ${a.eventId}, ${a.typeId}, c.id, ${a.userId}, t.qr_payload, ${purchasedAt}::timestamptz
      from claim c, jsonb_to_recordset(${ticketsJson}::jsonb) as t(id uuid, code text, qr_payload text)
      returning id
    ), facts as (
      insert into tickets.outbox (id, topic, key, payload)
      select f.id, f.topic, f.key, f.payload from jsonb_to_recordset(${factsJson}::jsonb) as f(id uuid, topic text, key text, payload text)
      where exists (select 1 from sold)
      returning id
    )
    select (select count(*) from sold)::int as sold, (select count(*) from facts)::int as facts`;
  return row!.sold === 1;
}

/** The same work with a round trip per statement, the row lock held from the update to COMMIT. */
async function sellInTransaction(sql: Sql, a: Attempt): Promise<boolean> {
  const lockKey = `tickets.event:${a.eventId}`;
  try {
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock_shared(hashtextextended(${lockKey}, 0))`;
      const cancelled = await tx`select event_id from tickets.cancelled_events where event_id = ${a.eventId}`;
      if (cancelled.length > 0) throw new Error('EVENT_CANCELLED');
      const [purchase] = await tx<{ id: string }[]>`
        insert into tickets.purchases (user_id, idempotency_key, event_id, ticket_type_id, quantity)
        values (${a.userId}, ${randomUUID()}, ${a.eventId}, ${a.typeId}, 1) on conflict do nothing returning *`;
      const reserved =
        await tx`update tickets.ticket_types set sold = sold + 1 where id = ${a.typeId} and sold + 1 <= quantity returning *`;
      if (reserved.length === 0) throw new Error('SOLD_OUT');
      const ticketId = randomUUID();
      const code = randomBytes(16).toString('base64url');
      const [ticket] = await tx<{ purchased_at: Date }[]>`
        insert into tickets.tickets (id, code, event_id, ticket_type_id, purchase_id, owner_id, qr_payload)
        values (${ticketId}, ${code}, ${a.eventId}, ${a.typeId}, ${purchase!.id}, ${a.userId}, ${randomBytes(120).toString('base64url')}) returning *`;
      const payload = factPayload(ticketId, code, a, ticket!.purchased_at.toISOString());
      await tx`insert into tickets.outbox (id, topic, key, payload) values (${randomUUID()}, 'ticket.purchased', ${ticketId}, ${payload})`;
    });
    return true;
  } catch (error) {
    if (error instanceof Error && error.message === 'SOLD_OUT') return false;
    throw error;
  }
}

/** Applies the tickets service's migrations in journal order, as the service does at start. */
async function migrate(sql: Sql) {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] };
  for (const { tag } of journal.entries) {
    const migration = readFileSync(`${MIGRATIONS}/${tag}.sql`, 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) if (statement.trim()) await sql.unsafe(statement);
  }
}

export async function baselineSale(size: FlashSaleSize, shape: BaselineShape) {
  const db = await createScratchDatabase(`sbor_bench_baseline_${shape}`);
  const sql = postgres(db.url, { max: SERVICE_POOL, onnotice: () => {} });
  try {
    await migrate(sql);
    const eventId = randomUUID();
    const [type] = await sql<{ id: string }[]>`
      insert into tickets.ticket_types (event_id, organizer_id, name, price_cents, currency, quantity, sales_start, sales_end, event_ends_at)
      values (${eventId}, ${randomUUID()}, 'Flash', 2500, 'EUR', ${size.quantity}, now() - interval '1 hour', now() + interval '40 hours', now() + interval '51 hours')
      returning id`;
    const typeId = type!.id;
    const userIds = Array.from({ length: size.connections }, () => randomUUID());
    const sell = shape === 'statement' ? sellInOneStatement : sellInTransaction;
    const run = await race(size.connections, size.attempts, async (i) => {
      const sold = await sell(sql, { eventId, typeId, userId: userIds[i % userIds.length]! });
      return sold ? 'SOLD' : 'SOLD_OUT';
    });
    const check = await verifyTickets(db.url, typeId, size.quantity, `baseline (${shape})`);
    return { run, check };
  } finally {
    await sql.end();
    await db.drop();
  }
}
