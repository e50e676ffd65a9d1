/** The flash sale's load loop and its database check, shared by the router run and the baselines. */
import postgres from 'postgres';
import { summarize, type Summary } from './stats.js';

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
  /** Every attempt, sold or not. */
  latencyMs: Summary;
  /** The attempts that sold only. */
  soldLatencyMs: Summary;
  firstErrors: string[];
}

/** Bounded loop: `connections` workers take attempt numbers until `attempts` are used up. */
export async function race(
  connections: number,
  attempts: number,
  attempt: (i: number) => Promise<'SOLD' | 'SOLD_OUT' | string>,
): Promise<SaleRun> {
  let next = 0;
  let sold = 0;
  let rejected = 0;
  let failed = 0;
  let lastSaleAt = 0;
  const latencies: number[] = [];
  const soldLatencies: number[] = [];
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
        soldLatencies.push(t1 - t0);
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
    soldLatencyMs: summarize(soldLatencies),
    firstErrors,
  };
}

/**
 * After a sale of one ticket per order: `sold` of the type equals the quantity, and so do its
 * ticket rows, its `ticket.purchased` facts and the tickets of its PAID orders.
 */
export async function verifyTickets(databaseUrl: string, ticketTypeId: string, quantity: number, label: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [type] = await sql<
      { sold: number; held: number; quantity: number }[]
    >`select sold, held, quantity from tickets.ticket_types where id = ${ticketTypeId}`;
    const [rows] = await sql<{ n: number }[]>`select count(*)::int as n from tickets.tickets where ticket_type_id = ${ticketTypeId}`;
    // By payload: the router run's outbox also holds the warm-up purchase's facts, of another type.
    const [facts] = await sql<{ n: number }[]>`
      select count(*)::int as n from tickets.outbox
      where topic = 'ticket.purchased' and payload::jsonb -> 'data' ->> 'ticket_type_id' = ${ticketTypeId}`;
    const [paid] = await sql<{ n: number }[]>`
      select coalesce(sum(l.quantity), 0)::int as n from tickets.order_lines l join tickets.orders o on o.id = l.order_id
      where l.ticket_type_id = ${ticketTypeId} and o.status = 'PAID'`;
    const check = {
      sold: type?.sold,
      held: type?.held,
      quantity: type?.quantity,
      ticketRows: rows?.n,
      outboxFacts: facts?.n,
      paidOrderTickets: paid?.n,
    };
    if (!type || type.sold !== quantity || type.held !== 0 || rows?.n !== type.sold || facts?.n !== type.sold || paid?.n !== type.sold) {
      throw new Error(
        `FLASH SALE INVARIANT BROKEN (${label}): expected exactly ${quantity} sold, none held, with as many ticket rows, facts and tickets of PAID orders, got ${JSON.stringify(check)}`,
      );
    }
    return check;
  } finally {
    await sql.end();
  }
}
