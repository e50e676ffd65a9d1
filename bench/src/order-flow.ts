/**
 * The order flash sale's load loop and its database check, shared by the router run and the
 * baseline: each attempt reserves one ticket and, when it got a hold, pays for it.
 */
import postgres from 'postgres';
import { race } from './sale-race.js';
import { summarize, type Summary } from './stats.js';

export interface OrderFlashSaleSize {
  connections: number;
  /** Reserve attempts, one ticket each: `buyers` ÷ `quantity` buyers race for each ticket. */
  buyers: number;
  quantity: number;
}

export interface OrderRun {
  /** Flows that ended paid. */
  paid: number;
  /** Reserve attempts answered SOLD_OUT. */
  soldOut: number;
  /** Flows that ended any other way (the step and the answer are in `firstErrors`). */
  failed: number;
  /** Paid orders per second, until the last payment completed. */
  paidPerSecond: number;
  attemptsPerSecond: number;
  /** The reserve step of every attempt, held or sold out. */
  reserveMs: Summary;
  /** Each step of the flows that paid, by the name the flow gave it (reserve included). */
  stepMs: Record<string, Summary>;
  /** Reserve → paid, for the flows that paid. */
  flowMs: Summary;
  firstErrors: string[];
}

/**
 * One attempt: reserve, and pay when it got a hold; `step(name)` after each step times it since
 * the step before (`reserve` is the first). Answers 'PAID', 'SOLD_OUT', or what went wrong.
 */
export type OrderFlow = (i: number, step: (name: string) => void) => Promise<'PAID' | 'SOLD_OUT' | string>;

export async function orderRace(size: OrderFlashSaleSize, flow: OrderFlow): Promise<OrderRun> {
  const reserveMs: number[] = [];
  const steps = new Map<string, number[]>();
  const run = await race(size.connections, size.buyers, async (i) => {
    let last = performance.now();
    const timings: [string, number][] = [];
    const outcome = await flow(i, (name) => {
      const now = performance.now();
      timings.push([name, now - last]);
      last = now;
    });
    const reserve = timings.find(([name]) => name === 'reserve');
    if (reserve) reserveMs.push(reserve[1]);
    if (outcome === 'PAID') {
      for (const [name, ms] of timings) {
        if (!steps.has(name)) steps.set(name, []);
        steps.get(name)!.push(ms);
      }
    }
    return outcome === 'PAID' ? 'SOLD' : outcome;
  });
  return {
    paid: run.sold,
    soldOut: run.rejected,
    failed: run.failed,
    paidPerSecond: run.purchasesPerSecond,
    attemptsPerSecond: run.attemptsPerSecond,
    reserveMs: summarize(reserveMs),
    stepMs: Object.fromEntries([...steps].map(([name, ms]) => [name, summarize(ms)])),
    flowMs: run.soldLatencyMs,
    firstErrors: run.firstErrors,
  };
}

export interface OrderCheck {
  quantity: number;
  held: number;
  sold: number;
  /** `held + sold` above `quantity`. */
  oversold: number;
  /** Orders of the event still RESERVED: holds that got a payment and were not paid, or never got one. */
  leakedHolds: number;
  ordersByStatus: Record<string, number>;
  ticketRows: number;
  /** Tickets in the PAID orders' lines of the type. */
  paidOrderTickets: number;
  paidOrders: number;
  orderPaidFacts: number;
  /** Each broken invariant in words; empty when all hold. */
  broken: string[];
}

/**
 * Read straight from the tickets database, with nothing waited for or swept first: no overselling
 * (`held + sold <= quantity`), no order of the event left RESERVED, `sold` = the type's ticket rows
 * = the tickets of PAID orders, and one `order.paid` fact per PAID order of the event.
 */
export async function verifyOrders(databaseUrl: string, eventId: string, ticketTypeId: string): Promise<OrderCheck> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [type] = await sql<{ quantity: number; held: number; sold: number }[]>`
      select quantity, held, sold from tickets.ticket_types where id = ${ticketTypeId}`;
    const statuses = await sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from tickets.orders where event_id = ${eventId} group by status order by status`;
    const [rows] = await sql<{ n: number }[]>`select count(*)::int as n from tickets.tickets where ticket_type_id = ${ticketTypeId}`;
    const [paidTickets] = await sql<{ n: number }[]>`
      select coalesce(sum(l.quantity), 0)::int as n from tickets.order_lines l join tickets.orders o on o.id = l.order_id
      where l.ticket_type_id = ${ticketTypeId} and o.status = 'PAID'`;
    const [facts] = await sql<{ n: number; orders: number }[]>`
      select count(*)::int as n, count(distinct payload::jsonb -> 'data' ->> 'order_id')::int as orders from tickets.outbox
      where topic = 'order.paid' and payload::jsonb -> 'data' ->> 'event_id' = ${eventId}`;
    const ordersByStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    const check: Omit<OrderCheck, 'broken'> = {
      quantity: type?.quantity ?? 0,
      held: type?.held ?? 0,
      sold: type?.sold ?? 0,
      oversold: type ? Math.max(0, type.held + type.sold - type.quantity) : 0,
      leakedHolds: ordersByStatus.RESERVED ?? 0,
      ordersByStatus,
      ticketRows: rows?.n ?? 0,
      paidOrderTickets: paidTickets?.n ?? 0,
      paidOrders: ordersByStatus.PAID ?? 0,
      orderPaidFacts: facts?.n ?? 0,
    };
    const broken = [
      !type && 'the ticket type is missing',
      check.oversold > 0 && `${check.oversold} oversold (held ${check.held} + sold ${check.sold} > ${check.quantity})`,
      check.leakedHolds > 0 && `${check.leakedHolds} orders still RESERVED`,
      check.ticketRows !== check.sold && `${check.ticketRows} ticket rows for ${check.sold} sold`,
      check.paidOrderTickets !== check.sold && `${check.paidOrderTickets} tickets in PAID orders for ${check.sold} sold`,
      check.orderPaidFacts !== check.paidOrders && `${check.orderPaidFacts} order.paid facts for ${check.paidOrders} PAID orders`,
      facts && facts.orders !== facts.n && `order.paid facts name ${facts.orders} orders in ${facts.n} facts`,
    ].filter((b): b is string => typeof b === 'string');
    return { ...check, broken };
  } finally {
    await sql.end();
  }
}
