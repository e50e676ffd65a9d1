import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';
import { actorsOn, type Actor } from '../e2e/support/actors.js';
import { RESERVE, shopOn } from '../e2e/support/orders.js';
import { assertWellFormed } from './support/hostile.js';

/**
 * A script ordering without pause, through the router: past MAX_ORDERS_PER_USER_PER_MINUTE its
 * orders are refused with RATE_LIMITED and a retry-after hint, hold no stock, and leave every
 * other buyer free to order. Both modes, so the count also runs on PGlite.
 */

const LIMIT = 2;
const PURCHASE = 'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }';

describe.each(MODES)('orders per user per minute through the router (%s mode)', (mode) => {
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let shop: ReturnType<typeof shopOn>;
  let eventId: string;
  let freeId: string;
  let seatId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(mode, { MAX_ORDERS_PER_USER_PER_MINUTE: String(LIMIT) });
    api = actorsOn(platform);
    shop = shopOn(platform);
    const organizer = await api.signUp('Rate Organizer', true);
    eventId = (await api.publishedEvent(organizer, 'Flash sale')).id;
    freeId = (await shop.ticketType(organizer, eventId, { name: 'Standing', priceCents: 0, quantity: 100 })).id;
    seatId = (await shop.ticketType(organizer, eventId, { name: 'Seat', priceCents: 1500, quantity: 100 })).id;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const purchase = (who: Actor) =>
    platform.gql(PURCHASE, { i: { eventId, ticketTypeId: freeId, quantity: 1, idempotencyKey: randomUUID() } }, { token: who.token });
  const reserve = (who: Actor) =>
    platform.gql(
      RESERVE,
      { i: { eventId, items: [{ ticketTypeId: seatId, quantity: 3 }], idempotencyKey: randomUUID() } },
      { token: who.token },
    );

  it('refuses orders past the limit with RATE_LIMITED and retryAfterSeconds, holding nothing, while others still order', async () => {
    const script = await api.signUp('Script Buyer');
    await shop.reserve(script, eventId, [{ ticketTypeId: seatId, quantity: 1 }]);
    await api.ok(PURCHASE, { i: { eventId, ticketTypeId: freeId, quantity: 1, idempotencyKey: randomUUID() } }, script.token);
    const before = await shop.stock(eventId);

    const refused = await Promise.all([reserve(script), purchase(script), reserve(script)]);

    for (const res of refused) {
      expect(assertWellFormed(res, 'over the limit')).toBe('refused');
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: LIMIT });
      expect(res.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(res.errors![0]!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    expect(await shop.stock(eventId)).toEqual(before);
    expect(before[seatId]).toMatchObject({ held: 1, sold: 0 });

    const other = await api.signUp('Other Buyer');
    expect((await reserve(other)).errors).toBeUndefined();
    expect((await shop.stock(eventId))[seatId]).toMatchObject({ held: 4 });
  });
});
