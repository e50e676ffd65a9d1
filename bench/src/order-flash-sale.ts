/**
 * 2. Order flash sale: `buyers` attempts, `connections` in flight at a time (by as many registered
 * accounts, taken in turn), race to `reserveTickets` one ticket of a priced type of `quantity`
 * through the router.
 * Each attempt that got a hold pays it through the SANDBOX provider, as a browser would, all
 * through the router: `checkout(orderId, SANDBOX)`, then the hosted page's form (`action=pay`)
 * POSTed to the `checkoutUrl`; the tickets service then sends the signed webhook to
 * `<PUBLIC_URL>/webhooks/sandbox` (the same router) and answers 303 once it was applied.
 * Afterwards the tickets database is read (order-flow.ts): nothing oversold, no hold left
 * RESERVED, `sold` = ticket rows = tickets of PAID orders, one order.paid fact per PAID order.
 * Baseline (order-flash-sale-baseline.ts): the same three writes per order straight to PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { bearer, CHECKOUT, gql, RESERVE, type Actor, type Api } from './api.js';
import { baselineOrders } from './order-flash-sale-baseline.js';
import { orderRace, verifyOrders, type OrderFlashSaleSize, type OrderFlow } from './order-flow.js';
import type { BenchPlatform } from './platform.js';
import { cpuMsOf, cpuMsOfAll } from './processes.js';
import { progress, round } from './stats.js';

export type { OrderFlashSaleSize } from './order-flow.js';

const PRICE_CENTS = 2500;

const firstError = (res: { status: number; errors?: { message: string; extensions?: Record<string, unknown> }[] }) =>
  `${res.status} ${String(res.errors?.[0]?.extensions?.code)}: ${res.errors?.[0]?.message ?? 'no data'}`;

/** Reserve → checkout → the hosted page's Pay, through the router, as one buyer. */
function routerFlow(platform: BenchPlatform, eventId: string, typeId: string, buyerOf: (i: number) => Actor): OrderFlow {
  return async (i, step) => {
    const buyer = buyerOf(i);
    const res = await gql<{ reserveTickets: { id: string; status: string } }>(
      platform.routerUrl,
      RESERVE,
      { i: { eventId, items: [{ ticketTypeId: typeId, quantity: 1 }], idempotencyKey: randomUUID() } },
      bearer(buyer.token),
    );
    step('reserve');
    const order = res.data?.reserveTickets;
    if (!order) return res.errors?.[0]?.extensions?.code === 'SOLD_OUT' ? 'SOLD_OUT' : `reserveTickets: ${firstError(res)}`;
    if (order.status !== 'RESERVED') return `reserveTickets answered ${order.status}`;
    const started = await gql<{ checkout: { checkoutUrl: string | null } }>(
      platform.routerUrl,
      CHECKOUT,
      { o: order.id },
      bearer(buyer.token),
    );
    step('checkout');
    const url = started.data?.checkout?.checkoutUrl;
    if (!url) return `checkout: ${firstError(started)}`;
    if (!url.startsWith(`${platform.publicUrl}/`)) return `checkoutUrl ${url} is not on the router at ${platform.publicUrl} (PUBLIC_URL)`;
    const page = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=pay',
      redirect: 'manual',
    });
    const body = await page.text();
    step('pay');
    // 303 back to the page once the webhook was delivered and applied; 502 when it was not.
    return page.status === 303 ? 'PAID' : `pay: ${page.status} ${body.replace(/\s+/g, ' ').slice(0, 160)}`;
  };
}

export async function orderFlashSale(platform: BenchPlatform, api: Api, organizer: Actor, size: OrderFlashSaleSize) {
  progress(`order flash sale: registering ${size.connections} buyers…`);
  const buyers = await api.signUpMany('Order Buyer', size.connections);
  const eventId = await api.publishedEvent(organizer, 'Order Flash Sale');
  const typeId = await api.ticketType(organizer, eventId, size.quantity, 'Paid flash', PRICE_CENTS);
  // One whole flow on another type first: cold caches, and a clear error if checkout links do not reach the router.
  const warmType = await api.ticketType(organizer, eventId, 10, 'Warm-up', PRICE_CENTS);
  const warm = await routerFlow(platform, eventId, warmType, () => buyers[0]!)(0, () => {});
  if (warm !== 'PAID') throw new Error(`ORDER FLASH SALE warm-up order did not get paid: ${warm}`);

  progress(
    `order flash sale: ${size.connections} connections, ${size.buyers} reserve attempts for ${size.quantity} tickets, each hold paid through SANDBOX, all through the router…`,
  );
  const subgraphPids = platform.subgraphProcesses.map((c) => c.pid);
  const cpuBefore = { subgraphs: cpuMsOfAll(subgraphPids), router: cpuMsOf(platform.router.pid) };
  const router = await orderRace(
    size,
    routerFlow(platform, eventId, typeId, (i) => buyers[i % buyers.length]!),
  );
  // CPU of the whole run (sold-out attempts too), per order paid: where the order path spends it.
  const cpuMsPerPaidOrder = {
    subgraphs: round((cpuMsOfAll(subgraphPids) - cpuBefore.subgraphs) / router.paid, 1),
    router: round((cpuMsOf(platform.router.pid) - cpuBefore.router) / router.paid, 1),
  };
  const routerCheck = await verifyOrders(platform.databaseUrls.tickets, eventId, typeId);
  progress(
    `order flash sale (router): ${router.paid} paid, ${router.soldOut} sold out, ${router.failed} failed; DB ${JSON.stringify(routerCheck)}`,
  );

  progress('order flash sale: baseline, placeOrder(hold) + insertPayment + payOrder straight to PostgreSQL…');
  const baseline = await baselineOrders(size, PRICE_CENTS);
  progress(
    `order flash sale (baseline): ${baseline.run.paid} paid, ${baseline.run.soldOut} sold out, ${baseline.run.failed} failed; DB ${JSON.stringify(baseline.check)}`,
  );

  const broken = [
    ...routerCheck.broken.map((b) => `router run: ${b}`),
    ...baseline.check.broken.map((b) => `baseline: ${b}`),
    router.paid !== size.quantity && `router run paid ${router.paid} of ${size.quantity} tickets`,
    router.failed > 0 && `router run: ${router.failed} flows failed: ${router.firstErrors.join(' | ')}`,
    routerCheck.paidOrders !== router.paid + 1 &&
      `router run: ${routerCheck.paidOrders} PAID orders for ${router.paid} paid flows and the warm-up`,
    baseline.run.paid !== size.quantity && `baseline paid ${baseline.run.paid} of ${size.quantity} tickets`,
    baseline.run.failed > 0 && `baseline: ${baseline.run.failed} flows failed: ${baseline.run.firstErrors.join(' | ')}`,
  ].filter((b): b is string => typeof b === 'string');
  return {
    size,
    priceCents: PRICE_CENTS,
    router,
    cpuMsPerPaidOrder,
    baseline: baseline.run,
    routerCheck,
    baselineCheck: baseline.check,
    ratio: round(router.paidPerSecond / baseline.run.paidPerSecond, 3),
    broken,
  };
}
