/**
 * 1. Flash sale: `connections` buyers race `attempts` single-ticket `purchaseTickets` calls for a
 * free ticket type of `quantity` through the router (`purchaseTickets` sells free types only: each
 * purchase is an order PAID at once). Afterwards the tickets database must hold exactly `quantity`
 * sold, as many ticket rows, `ticket.purchased` facts and tickets of PAID orders. Baselines
 * (flash-sale-baseline.ts): the purchase's database work alone, at the same concurrency against a
 * scratch database migrated with the tickets service's own migrations — once as the service does
 * it (`placeOrder` with `mode: 'sell'`, one statement) and once as a transaction with a round trip
 * per statement.
 */
import { randomUUID } from 'node:crypto';
import { bearer, gql, PURCHASE, type Actor, type Api } from './api.js';
import type { BenchPlatform } from './platform.js';
import { baselineSale, type BaselineShape } from './flash-sale-baseline.js';
import { race, verifyTickets, type FlashSaleSize, type SaleRun } from './sale-race.js';
import { progress, round } from './stats.js';

export type { FlashSaleSize } from './sale-race.js';

export async function flashSale(platform: BenchPlatform, api: Api, organizer: Actor, size: FlashSaleSize) {
  progress(`flash sale: registering ${size.connections} buyers…`);
  const buyers = await api.signUpMany('Flash Buyer', size.connections);
  const eventId = await api.publishedEvent(organizer, 'Flash Sale');
  const typeId = await api.ticketType(organizer, eventId, size.quantity, 'Flash', 0);
  // One warm-up purchase on another type, so the first racer does not pay for cold caches alone.
  const warmType = await api.ticketType(organizer, eventId, 10, 'Warm-up', 0);
  await gql(
    platform.routerUrl,
    PURCHASE,
    { i: { eventId, ticketTypeId: warmType, quantity: 1, idempotencyKey: randomUUID() } },
    bearer(buyers[0]!.token),
  );

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
  const routerCheck = await verifyTickets(platform.databaseUrls.tickets, typeId, size.quantity, 'router');
  progress(
    `flash sale (router): ${router.sold} sold, ${router.rejected} sold out, ${router.failed} failed; DB ${JSON.stringify(routerCheck)}`,
  );

  const baselines = {} as Record<BaselineShape, { run: SaleRun; check: Awaited<ReturnType<typeof verifyTickets>> }>;
  for (const shape of ['statement', 'transaction'] as const) {
    progress(`flash sale: baseline (${shape}), the purchase's database work straight to PostgreSQL…`);
    baselines[shape] = await baselineSale(size, shape);
    const { run } = baselines[shape];
    progress(`flash sale (baseline, ${shape}): ${run.sold} sold, ${run.rejected} sold out, ${run.failed} failed`);
  }

  if (router.sold !== size.quantity || router.failed > 0) {
    throw new Error(
      `FLASH SALE through the router sold ${router.sold} of ${size.quantity} with ${router.failed} failures: ${router.firstErrors.join(' | ')}`,
    );
  }
  const ratioTo = (shape: BaselineShape) => round(router.purchasesPerSecond / baselines[shape].run.purchasesPerSecond, 3);
  return {
    size,
    router,
    baseline: baselines.statement.run,
    transactionBaseline: baselines.transaction.run,
    routerCheck,
    baselineChecks: { statement: baselines.statement.check, transaction: baselines.transaction.check },
    ratio: ratioTo('statement'),
    ratioToTransaction: ratioTo('transaction'),
  };
}
