import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';
import { actorsOn, type Actor } from './support/actors.js';
import { browser, CHECKOUT, ORDER_FIELDS, shopOn, type Order } from './support/orders.js';

/**
 * Buying priced tickets through the router, as a browser does: reserve (the stock is held), pay on
 * the sandbox's hosted checkout page or offline, get the tickets; cancel, decline, refund.
 */

const MY_ORDERS = '{ myOrders { edges { node { id status tickets { id } } } } }';
const CANCEL = `mutation ($o: ID!) { cancelOrder(orderId: $o) { ${ORDER_FIELDS} } }`;
const MARK_PAID = `mutation ($o: ID!) { markOrderPaid(orderId: $o) { ${ORDER_FIELDS} } }`;
const REFUND = `mutation ($o: ID!, $t: [ID!], $r: String) { refundOrder(orderId: $o, ticketIds: $t, reason: $r) { ${ORDER_FIELDS} } }`;
const PURCHASE = 'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }';
const VALIDATE = 'mutation ($c: String!) { validateTicket(code: $c) { valid reason } }';

const SEAT_PRICE = 2500;

describe.each(MODES)('orders through the router (%s mode)', (mode) => {
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let shop: ReturnType<typeof shopOn>;
  let organizer: Actor;
  let buyer: Actor;

  beforeAll(async () => {
    platform = await startTestPlatform(mode, { ORDER_UPKEEP_MS: '300' });
    api = actorsOn(platform);
    shop = shopOn(platform);
    organizer = await api.signUp('Olga Organizer', true);
    buyer = await api.signUp('Bob Buyer');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** A published event selling priced seats (25.00 EUR, 10 of them) and free standing places. */
  async function eventOnSale(title: string) {
    const event = await api.publishedEvent(organizer, title);
    const seat = await shop.ticketType(organizer, event.id, { name: 'Seat', priceCents: SEAT_PRICE });
    const standing = await shop.ticketType(organizer, event.id, { name: 'Standing', priceCents: 0 });
    return { id: event.id, seat: seat.id, standing: standing.id };
  }

  async function paidOrder(eventId: string, seatId: string, quantity: number) {
    const reserved = await shop.reserve(buyer, eventId, [{ ticketTypeId: seatId, quantity }]);
    const { result } = await shop.payInSandbox(buyer, reserved.id);
    expect(result.html).toMatch(/Paid/);
    return (await shop.order(buyer, reserved.id))!;
  }

  describe('reserveTickets', () => {
    it('holds priced tickets while the buyer pays: held goes up, available down, nothing sold yet', async () => {
      const event = await eventOnSale('Holds');
      const order = await shop.reserve(buyer, event.id, [{ ticketTypeId: event.seat, quantity: 2 }]);

      expect(order).toMatchObject({ status: 'RESERVED', totalCents: 2 * SEAT_PRICE, currency: 'EUR', tickets: [], payment: null });
      expect(order.number).toMatch(/^SB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(order.lines).toEqual([{ ticketType: { id: event.seat }, quantity: 2, unitPriceCents: SEAT_PRICE }]);
      const holdEnds = Date.parse(order.expiresAt!) - Date.now();
      expect(holdEnds).toBeGreaterThan(8 * 60_000);
      expect(holdEnds).toBeLessThanOrEqual(10 * 60_000);
      expect((await shop.stock(event.id))[event.seat]).toEqual({ held: 2, sold: 0, available: 8 });
    });

    it('sells free tickets at once: the order is paid and its tickets are issued', async () => {
      const event = await eventOnSale('Free entry');
      const order = await shop.reserve(buyer, event.id, [{ ticketTypeId: event.standing, quantity: 2 }]);

      expect(order).toMatchObject({ status: 'PAID', totalCents: 0, expiresAt: null });
      expect(order.tickets.map((t) => t.status)).toEqual(['ACTIVE', 'ACTIVE']);
      expect((await shop.stock(event.id))[event.standing]).toEqual({ held: 0, sold: 2, available: 8 });
    });
  });

  describe('purchaseTickets', () => {
    it('refuses priced tickets with PAYMENT_REQUIRED, pointing to reserveTickets, and holds nothing', async () => {
      const event = await eventOnSale('One call');
      const error = await api.errorOf(
        PURCHASE,
        { i: { eventId: event.id, ticketTypeId: event.seat, quantity: 1, idempotencyKey: randomUUID() } },
        buyer.token,
      );

      expect(error.code).toBe('PAYMENT_REQUIRED');
      expect(error.message).toMatch(/reserveTickets/);
      expect((await shop.stock(event.id))[event.seat]).toEqual({ held: 0, sold: 0, available: 10 });
    });
  });

  describe('sandbox checkout', () => {
    it('shows a page with the order number and a Pay button; paying there issues the tickets', async () => {
      const event = await eventOnSale('Jazz Night');
      const reserved = await shop.reserve(buyer, event.id, [{ ticketTypeId: event.seat, quantity: 2 }]);
      const payment = await shop.checkout(buyer, reserved.id, 'SANDBOX');
      expect(payment).toMatchObject({ provider: 'SANDBOX', status: 'PENDING', amountCents: 2 * SEAT_PRICE });
      // The link goes to the router, where the buyer's browser reaches Sbor.
      expect(payment.checkoutUrl).toBe(`${new URL(platform.routerUrl).origin}/pay/${payment.id}`);

      const page = await browser.open(payment.checkoutUrl!);
      expect(page.status).toBe(200);
      expect(page.contentType).toMatch(/^text\/html/);
      expect(page.html).toContain(reserved.number);
      expect(page.html).toMatch(/<button[^>]*value="pay"[^>]*>Pay\b/);

      const answer = await browser.press(page, payment.checkoutUrl!, 'pay');
      expect(answer.status).toBe(303);
      const after = await browser.open(new URL(answer.location!, payment.checkoutUrl!).toString());
      expect(after.html).toMatch(/Paid/);
      expect(after.html).not.toMatch(/value="pay"/);

      const paid = (await shop.order(buyer, reserved.id))!;
      expect(paid).toMatchObject({ status: 'PAID', expiresAt: null, payment: { id: payment.id, status: 'SUCCEEDED' } });
      expect(paid.tickets.map((t) => t.status)).toEqual(['ACTIVE', 'ACTIVE']);
      const mine = await api.ok<{ edges: { node: { id: string; status: string; tickets: unknown[] } }[] }>(MY_ORDERS, {}, buyer.token);
      expect(mine.edges.find((e) => e.node.id === reserved.id)?.node).toMatchObject({
        status: 'PAID',
        tickets: paid.tickets.map((t) => ({ id: t.id })),
      });
      expect((await shop.stock(event.id))[event.seat]).toEqual({ held: 0, sold: 2, available: 8 });
    });

    it('leaves the order reserved and the payment failed when the buyer declines, and lets them try again', async () => {
      const event = await eventOnSale('Second thoughts');
      const reserved = await shop.reserve(buyer, event.id, [{ ticketTypeId: event.seat, quantity: 1 }]);
      const { payment, result } = await shop.payInSandbox(buyer, reserved.id, 'decline');
      expect(result.html).toMatch(/declined/i);

      const declined = (await shop.order(buyer, reserved.id))!;
      expect(declined).toMatchObject({ status: 'RESERVED', tickets: [], payment: { id: payment.id, status: 'FAILED' } });
      expect((await shop.stock(event.id))[event.seat]).toEqual({ held: 1, sold: 0, available: 9 });

      const retry = await shop.checkout(buyer, reserved.id, 'SANDBOX');
      expect(retry).toMatchObject({ status: 'PENDING' });
      expect(retry.id).not.toBe(payment.id);
    });
  });

  describe('cancelOrder', () => {
    it('puts the held tickets back on sale at once, and the order can no longer be paid', async () => {
      const event = await eventOnSale('Change of plans');
      const reserved = await shop.reserve(buyer, event.id, [{ ticketTypeId: event.seat, quantity: 3 }]);
      expect((await shop.stock(event.id))[event.seat]).toEqual({ held: 3, sold: 0, available: 7 });

      const cancelled = await api.ok<Order>(CANCEL, { o: reserved.id }, buyer.token);
      expect(cancelled).toMatchObject({ status: 'CANCELLED', expiresAt: null, tickets: [] });
      expect((await shop.stock(event.id))[event.seat]).toEqual({ held: 0, sold: 0, available: 10 });
      expect(await api.errorOf(CHECKOUT, { o: reserved.id, p: 'SANDBOX' }, buyer.token)).toMatchObject({ code: 'ORDER_NOT_PAYABLE' });
      expect(await api.errorOf(CANCEL, { o: reserved.id }, buyer.token)).toMatchObject({ code: 'INVALID_TRANSITION' });
    });
  });

  describe('OFFLINE checkout and markOrderPaid', () => {
    it('tells the buyer how to pay quoting the order number; the organizer’s confirmation issues the tickets', async () => {
      const event = await eventOnSale('Pay at the door');
      const reserved = await shop.reserve(buyer, event.id, [{ ticketTypeId: event.seat, quantity: 2 }]);
      const payment = await shop.checkout(buyer, reserved.id, 'OFFLINE');
      expect(payment).toMatchObject({ provider: 'OFFLINE', status: 'PENDING', checkoutUrl: null });
      expect(payment.instructions).toContain(reserved.number);
      // The hold lasts while the transfer travels: days, not minutes.
      const held = (await shop.order(buyer, reserved.id))!;
      expect(Date.parse(held.expiresAt!) - Date.now()).toBeGreaterThan(24 * 3_600_000);

      const paid = await api.ok<Order>(MARK_PAID, { o: reserved.id }, organizer.token);
      expect(paid).toMatchObject({ status: 'PAID', payment: { provider: 'OFFLINE', status: 'SUCCEEDED' } });
      expect(paid.tickets.map((t) => t.status)).toEqual(['ACTIVE', 'ACTIVE']);
      expect((await shop.order(buyer, reserved.id))!.tickets.map((t) => t.code).sort()).toEqual(paid.tickets.map((t) => t.code).sort());
      expect(await api.errorOf(MARK_PAID, { o: reserved.id }, organizer.token)).toMatchObject({ code: 'ORDER_NOT_PAYABLE' });
    });
  });

  describe('refundOrder', () => {
    it('refunds one ticket: the order reads partially refunded, the door refuses that ticket and admits the other', async () => {
      const event = await eventOnSale('Refunds');
      const order = await paidOrder(event.id, event.seat, 2);
      const [kept, returned] = order.tickets;

      const refunded = await api.ok<Order>(REFUND, { o: order.id, t: [returned!.id], r: 'Cannot come' }, organizer.token);
      expect(refunded.status).toBe('PARTIALLY_REFUNDED');
      expect(refunded.refunds).toEqual([
        { amountCents: SEAT_PRICE, status: 'SUCCEEDED', reason: 'Cannot come', tickets: [{ id: returned!.id }] },
      ]);
      expect(Object.fromEntries(refunded.tickets.map((t) => [t.id, t.status]))).toEqual({
        [kept!.id]: 'ACTIVE',
        [returned!.id]: 'CANCELLED',
      });
      expect((await shop.order(buyer, order.id))!.status).toBe('PARTIALLY_REFUNDED');

      expect(await api.ok(VALIDATE, { c: returned!.code }, organizer.token)).toEqual({ valid: false, reason: 'CANCELLED' });
      expect(await api.ok(VALIDATE, { c: kept!.code }, organizer.token)).toEqual({ valid: true, reason: null });
      // The refunded seat is on sale again.
      expect((await shop.stock(event.id))[event.seat]).toEqual({ held: 0, sold: 1, available: 9 });

      const rest = await api.ok<Order>(REFUND, { o: order.id }, organizer.token);
      expect(rest.status).toBe('REFUNDED');
      expect(rest.refunds.map((r) => r.amountCents)).toEqual([SEAT_PRICE, SEAT_PRICE]);
    });
  });

  describe('cancelEvent with paid orders', () => {
    it('refunds each paid order in the background while the platform keeps answering', async () => {
      const event = await eventOnSale('Called Off');
      const order = await paidOrder(event.id, event.seat, 2);
      await api.ok('mutation ($id: ID!) { cancelEvent(id: $id, reason: "Storm") { id } }', { id: event.id }, organizer.token);

      // The refund is queued when tickets hears of the cancellation and sent by the upkeep loop
      // (ORDER_UPKEEP_MS below); in embedded mode every service shares one PGlite connection.
      const refunded = await api.eventually(
        () => shop.order(buyer, order.id),
        (o) => o?.status === 'REFUNDED',
        20_000,
      );
      expect(refunded).toMatchObject({ status: 'REFUNDED', refunds: [{ amountCents: 2 * SEAT_PRICE, status: 'SUCCEEDED' }] });
      expect(refunded!.tickets.map((t) => t.status)).toEqual(['CANCELLED', 'CANCELLED']);
      // Still answering, reads and writes alike.
      expect((await api.signUp('After The Storm')).token).toBeTruthy();
    });
  });

  describe('Event.salesStats and Event.orders', () => {
    it('shows held, paid and refunded tickets, revenue net of the refund, and the orders to the organizer only', async () => {
      const event = await eventOnSale('Books');
      const paid = await paidOrder(event.id, event.seat, 2);
      await api.ok(REFUND, { o: paid.id, t: [paid.tickets[0]!.id] }, organizer.token);
      const held = await shop.reserve(buyer, event.id, [{ ticketTypeId: event.seat, quantity: 3 }]);
      const free = await shop.reserve(buyer, event.id, [{ ticketTypeId: event.standing, quantity: 1 }]);

      const STATS = `query ($id: ID!) { event(id: $id) {
        salesStats { held paid refunded totalSold revenue { amountCents currency } byType { ticketType { id } held paid refunded revenueCents } }
        orders { edges { node { id status } } }
        reserved: orders(status: RESERVED) { edges { node { id } } } } }`;
      type Stats = {
        salesStats: Record<string, unknown> & { byType: Record<string, unknown>[] };
        orders: { edges: { node: { id: string; status: string } }[] };
        reserved: { edges: { node: { id: string } }[] };
      };
      const seen = await api.ok<Stats>(STATS, { id: event.id }, organizer.token);
      expect(seen.salesStats).toMatchObject({
        held: 3,
        paid: 2,
        refunded: 1,
        totalSold: 2,
        revenue: [{ amountCents: SEAT_PRICE, currency: 'EUR' }],
      });
      expect(seen.salesStats.byType).toEqual([
        { ticketType: { id: event.seat }, held: 3, paid: 1, refunded: 1, revenueCents: SEAT_PRICE },
        { ticketType: { id: event.standing }, held: 0, paid: 1, refunded: 0, revenueCents: 0 },
      ]);
      // Newest first.
      expect(seen.orders.edges.map((e) => e.node)).toEqual([
        { id: free.id, status: 'PAID' },
        { id: held.id, status: 'RESERVED' },
        { id: paid.id, status: 'PARTIALLY_REFUNDED' },
      ]);
      expect(seen.reserved.edges.map((e) => e.node.id)).toEqual([held.id]);

      const asBuyer = await api.ok<Stats>(STATS, { id: event.id }, buyer.token);
      expect(asBuyer).toMatchObject({ salesStats: null, orders: { edges: [] }, reserved: { edges: [] } });
    });
  });

  describe('Event.orders and myOrders, paged with first and after', () => {
    const PAGE_FIELDS = 'edges { cursor node { id } } pageInfo { hasNextPage endCursor }';
    const EVENT_ORDERS = `query ($id: ID!, $s: OrderStatus, $first: Int, $after: String) {
      event(id: $id) { orders(status: $s, first: $first, after: $after) { ${PAGE_FIELDS} } } }`;
    const MY_ORDERS_PAGE = `query ($first: Int, $after: String) { myOrders(first: $first, after: $after) { ${PAGE_FIELDS} } }`;
    type Page = { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

    /** Follows `endCursor` from the first page until `hasNextPage` is false; every page as it came. */
    async function allPages(read: (after: string | null) => Promise<Page>): Promise<Page[]> {
      const pages = [await read(null)];
      while (pages.at(-1)!.pageInfo.hasNextPage && pages.length < 10) pages.push(await read(pages.at(-1)!.pageInfo.endCursor));
      return pages;
    }
    const idsOf = (pages: Page[]) => pages.map((p) => p.edges.map((e) => e.node.id));
    const shapeOf = (pages: Page[]) => pages.map((p) => p.pageInfo.hasNextPage);

    it('walks every order exactly once, newest first, and shows no other organizer’s or buyer’s orders', async () => {
      const event = await eventOnSale('Pages');
      const reader = await api.signUp('Petra Pager');
      const other = await api.signUp('Otto Other');
      const rival = await api.signUp('Rita Rival', true);
      const rivalEvent = await api.publishedEvent(rival, 'Rival Night');
      const rivalSeat = await shop.ticketType(rival, rivalEvent.id, { name: 'Seat', priceCents: SEAT_PRICE });

      // Placed one after another, so creation order is known: the pages must list them newest first.
      const seat = [{ ticketTypeId: event.seat, quantity: 1 }];
      const placed: { id: string; buyer: Actor; eventId: string }[] = [];
      const place = async (who: Actor, eventId: string, items: { ticketTypeId: string; quantity: number }[]) =>
        placed.push({ id: (await shop.reserve(who, eventId, items)).id, buyer: who, eventId });
      await place(reader, event.id, seat);
      await place(other, event.id, seat);
      await place(reader, rivalEvent.id, [{ ticketTypeId: rivalSeat.id, quantity: 1 }]);
      await place(reader, event.id, [{ ticketTypeId: event.standing, quantity: 1 }]); // free: PAID at once
      await place(other, rivalEvent.id, [{ ticketTypeId: rivalSeat.id, quantity: 1 }]);
      await place(reader, event.id, seat);
      await place(other, event.id, seat);
      const newestFirst = (keep: (o: (typeof placed)[number]) => boolean) =>
        placed
          .filter(keep)
          .map((o) => o.id)
          .reverse();

      const eventPages = (as: Actor, status: string | null) =>
        allPages(
          async (after) => (await api.ok<{ orders: Page }>(EVENT_ORDERS, { id: event.id, s: status, first: 2, after }, as.token)).orders,
        );

      const all = await eventPages(organizer, null);
      expect(idsOf(all)).toEqual(chunks(newestFirst((o) => o.eventId === event.id)));
      expect(shapeOf(all)).toEqual([true, true, false]);
      for (const page of all) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);

      // Four reserved: the second page is full and is the last.
      const reserved = await eventPages(organizer, 'RESERVED');
      expect(idsOf(reserved)).toEqual(chunks(newestFirst((o) => o.eventId === event.id && o !== placed[3])));
      expect(shapeOf(reserved)).toEqual([true, false]);

      // Another organizer sees no page of this event, not even with a cursor of it.
      const stranger = await eventPages(rival, null);
      expect(stranger).toEqual([{ edges: [], pageInfo: { hasNextPage: false, endCursor: null } }]);
      const withCursor = await api.ok<{ orders: Page }>(
        EVENT_ORDERS,
        { id: event.id, s: null, first: 2, after: all[0]!.pageInfo.endCursor },
        rival.token,
      );
      expect(withCursor.orders.edges).toEqual([]);

      const myPages = (as: Actor) => allPages(async (after) => api.ok<Page>(MY_ORDERS_PAGE, { first: 2, after }, as.token));
      const readers = await myPages(reader);
      expect(idsOf(readers)).toEqual(chunks(newestFirst((o) => o.buyer === reader)));
      expect(shapeOf(readers)).toEqual([true, false]);
      const others = await myPages(other);
      expect(idsOf(others)).toEqual(chunks(newestFirst((o) => o.buyer === other)));
      expect(shapeOf(others)).toEqual([true, false]);
    });
  });

  describe('notifications of orders', () => {
    it('tells the buyer once the order is paid, naming a ticket of it, and again when money is refunded', async () => {
      const event = await eventOnSale('Letters');
      const listener = await api.signUp('Nina Notified');
      const reserved = await shop.reserve(listener, event.id, [{ ticketTypeId: event.seat, quantity: 2 }]);
      await shop.payInSandbox(listener, reserved.id);
      const order = (await shop.order(listener, reserved.id))!;

      type Notice = { type: string; event: { id: string } | null; ticket: { id: string } | null };
      const LIST = '{ notifications { edges { node { type event { id } ticket { id } } } } }';
      const notices = () => api.ok<{ edges: { node: Notice }[] }>(LIST, {}, listener.token).then((c) => c.edges.map((e) => e.node));
      const paidNotices = await api.eventually(notices, (n) => n.some((x) => x.type === 'ORDER_PAID'));
      expect(paidNotices).toHaveLength(1);
      expect(paidNotices[0]).toMatchObject({ type: 'ORDER_PAID', event: { id: event.id } });
      expect(order.tickets.map((t) => t.id)).toContain(paidNotices[0]!.ticket?.id);

      const refunded = order.tickets[1]!;
      await api.ok(REFUND, { o: order.id, t: [refunded.id], r: 'Sold out of chairs' }, organizer.token);
      const after = await api.eventually(notices, (n) => n.some((x) => x.type === 'REFUND_ISSUED'));
      expect(after.map((n) => n.type)).toEqual(['REFUND_ISSUED', 'ORDER_PAID']);
      expect(after[0]).toMatchObject({ event: { id: event.id }, ticket: { id: refunded.id } });
    });
  });
});

/** The ids in pages of two, as `first: 2` should cut them. */
function chunks(ids: string[]): string[][] {
  return Array.from({ length: Math.ceil(ids.length / 2) }, (_, i) => ids.slice(2 * i, 2 * i + 2));
}
