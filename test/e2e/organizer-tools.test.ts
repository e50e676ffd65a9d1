import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, PASSWORD, type Actor } from './support/actors.js';
import { subscribe, type Subscriber } from './support/live.js';
import { shopOn, type Order } from './support/orders.js';

/**
 * The organizer's tools through the router, as the web app and the door app use them: a voucher
 * that unlocks a hidden ticket type, the waiting list that offers a hold that ran out, door staff
 * who check in and undo at their event only, and the attendee CSV with the answers given.
 */

const CREATE_TYPE = 'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }';
const CREATE_VOUCHER = 'mutation ($e: ID!, $i: VoucherInput!) { createVoucher(eventId: $e, input: $i) { id code used } }';
const LISTED_TYPES = 'query ($id: ID!) { event(id: $id) { ticketTypes { id hidden } vouchers { code used } } }';
const RESERVE_WITH = `mutation ($i: OrderInput!) { reserveTickets(input: $i) {
  id status totalCents lines { ticketType { id } quantity unitPriceCents discountCents } voucher { code } tickets { id code } } }`;
const JOIN = 'mutation ($t: ID!, $q: Int!) { joinWaitingList(ticketTypeId: $t, quantity: $q) { id status position } }';
const MY_WAITING = '{ myWaitingList { id status position offerExpiresAt order { id status totalCents } } }';
const ADD_STAFF = 'mutation ($e: ID!, $m: String!) { addDoorStaff(eventId: $e, email: $m) { user { id } email } }';
const VALIDATE = 'mutation ($c: String!, $e: ID) { validateTicket(code: $c, eventId: $e) { valid reason ticket { id attendeeName } } }';
const CHECK_IN = 'mutation ($c: String!, $e: ID) { checkInTicket(code: $c, eventId: $e) { id status checkedInAt } }';
const UNDO = 'mutation ($id: ID!) { undoCheckIn(ticketId: $id) { id status checkedInAt } }';
const CHECK_INS = `query ($id: ID!) { event(id: $id) { checkIns { edges { node {
  action result accepted ticket { id } scannedBy { id } } } } } }`;
const SET_QUESTIONS = 'mutation ($e: ID!, $q: [QuestionInput!]!) { setQuestions(eventId: $e, questions: $q) { questions { id label } } }';

type Line = { ticketType: { id: string }; quantity: number; unitPriceCents: number; discountCents: number };
type Reserved = Pick<Order, 'id' | 'status' | 'totalCents'> & {
  lines: Line[];
  voucher: { code: string } | null;
  tickets: { id: string; code: string }[];
};
type Entry = {
  id: string;
  status: string;
  position: number | null;
  offerExpiresAt: string | null;
  order: Pick<Order, 'id' | 'status' | 'totalCents'> | null;
};
type Scan = { action: string; result: string; accepted: boolean; ticket: { id: string } | null; scannedBy: { id: string } };

describe.each(MODES)('organizer tools through the router (%s mode)', (mode) => {
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let shop: ReturnType<typeof shopOn>;
  let organizer: Actor;
  let buyer: Actor;
  const open: Subscriber[] = [];

  beforeAll(async () => {
    // Holds end after a minute, and the upkeep loop notices at once: the waiting list's offer comes from one.
    platform = await startTestPlatform(mode, { HOLD_MINUTES: '0.25', ORDER_UPKEEP_MS: '300' });
    api = actorsOn(platform);
    shop = shopOn(platform);
    organizer = await api.signUp('Olga Organizer', true);
    buyer = await api.signUp('Bob Buyer');
  });
  afterAll(async () => {
    for (const subscriber of open) await subscriber.close();
    await platform?.stop();
  });

  /** A user whose email the organizer can name them by. */
  async function signUpWithEmail(displayName: string): Promise<Actor & { email: string }> {
    const email = `${displayName.toLowerCase().replace(/\W/g, '')}.${randomUUID().slice(0, 8)}@example.com`;
    const session = await api.ok<{ accessToken: string; user: { id: string } }>(
      'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }',
      { i: { email, password: PASSWORD, displayName } },
    );
    return { id: session.user.id, token: session.accessToken, email };
  }

  const reserveWith = (who: Actor, input: Record<string, unknown>) =>
    api.ok<Reserved>(RESERVE_WITH, { i: { idempotencyKey: randomUUID(), ...input } }, who.token);

  describe('createVoucher and reserveTickets(voucherCode)', () => {
    it('unlocks a hidden ticket type at the voucher’s discount, which nobody sees or buys without it', async () => {
      const event = await api.publishedEvent(organizer, 'Friends and Family');
      const hidden = await api.ok<{ id: string }>(
        CREATE_TYPE,
        {
          e: event.id,
          i: {
            name: 'Backstage',
            priceCents: 4000,
            currency: 'EUR',
            quantity: 10,
            hidden: true,
            salesStart: inHours(-1),
            salesEnd: inHours(40),
          },
        },
        organizer.token,
      );
      await shop.ticketType(organizer, event.id, { name: 'Floor', priceCents: 2000 });
      const voucher = await api.ok<{ code: string; used: number }>(
        CREATE_VOUCHER,
        { e: event.id, i: { code: 'FRIENDS', kind: 'PERCENT', value: 25, ticketTypeIds: [hidden.id], maxUses: 5 } },
        organizer.token,
      );
      expect(voucher).toMatchObject({ code: 'FRIENDS', used: 0 });

      const seenByBuyer = await api.ok<{ ticketTypes: { id: string }[]; vouchers: unknown[] }>(LISTED_TYPES, { id: event.id }, buyer.token);
      expect(seenByBuyer.ticketTypes.map((t) => t.id)).not.toContain(hidden.id);
      expect(seenByBuyer.vouchers).toEqual([]);
      const items = [{ ticketTypeId: hidden.id, quantity: 2 }];
      const refused = await api.errorOf(RESERVE_WITH, { i: { eventId: event.id, items, idempotencyKey: randomUUID() } }, buyer.token);
      expect(refused.code).toBe('NOT_FOUND');

      // Codes are matched whatever their case.
      const order = await reserveWith(buyer, { eventId: event.id, items, voucherCode: 'friends' });
      expect(order).toMatchObject({ status: 'RESERVED', totalCents: 6000, voucher: { code: 'FRIENDS' } });
      expect(order.lines).toEqual([{ ticketType: { id: hidden.id }, quantity: 2, unitPriceCents: 4000, discountCents: 2000 }]);
      const { result } = await shop.payInSandbox(buyer, order.id);
      expect(result.html).toMatch(/Paid/);
      expect((await shop.order(buyer, order.id))!.status).toBe('PAID');

      const seenByOrganizer = await api.ok<{ ticketTypes: { id: string; hidden: boolean }[]; vouchers: { code: string; used: number }[] }>(
        LISTED_TYPES,
        { id: event.id },
        organizer.token,
      );
      expect(seenByOrganizer.ticketTypes).toContainEqual({ id: hidden.id, hidden: true });
      expect(seenByOrganizer.vouchers).toEqual([{ code: 'FRIENDS', used: 2 }]);
    });
  });

  describe('joinWaitingList', () => {
    it('offers a sold-out type’s expired hold live to the first in line (WAITING_LIST_OFFER), who buys it', async () => {
      const event = await api.publishedEvent(organizer, 'Last Seat');
      const seat = await shop.ticketType(organizer, event.id, { name: 'Seat', priceCents: 2000, quantity: 1 });
      const hold = await shop.reserve(buyer, event.id, [{ ticketTypeId: seat.id, quantity: 1 }]);
      expect(hold.status).toBe('RESERVED');

      const waiter = await api.signUp('Wendy Waiting');
      const live = subscribe(platform.routerUrl, waiter.token);
      open.push(live);
      await live.ready;
      const joined = await api.ok<Entry>(JOIN, { t: seat.id, q: 1 }, waiter.token);
      expect(joined).toMatchObject({ status: 'WAITING', position: 1 });
      expect(await api.ok<Entry[]>(MY_WAITING, {}, waiter.token)).toEqual([
        { id: joined.id, status: 'WAITING', position: 1, offerExpiresAt: null, order: null },
      ]);

      // The buyer's hold runs out unpaid (HOLD_MINUTES=0.25, 15 s): the seat goes to the waiting list, not back on sale.
      const deadline = Date.now() + 150_000;
      while (!live.received.some((n) => n.type === 'WAITING_LIST_OFFER') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(live.errors).toEqual([]);
      const offer = live.received.find((n) => n.type === 'WAITING_LIST_OFFER');
      expect(offer, `received ${JSON.stringify(live.received)}`).toMatchObject({ type: 'WAITING_LIST_OFFER', event: { id: event.id } });
      expect((await shop.order(buyer, hold.id))!.status).toBe('EXPIRED');

      const [offered] = await api.ok<Entry[]>(MY_WAITING, {}, waiter.token);
      expect(offered).toMatchObject({ id: joined.id, status: 'OFFERED', position: null, order: { status: 'RESERVED', totalCents: 2000 } });
      expect(Date.parse(offered!.offerExpiresAt!)).toBeGreaterThan(Date.now());
      expect((await shop.stock(event.id))[seat.id]).toMatchObject({ held: 1, available: 0 });

      const { result } = await shop.payInSandbox(waiter, offered!.order!.id);
      expect(result.html).toMatch(/Paid/);
      const bought = (await shop.order(waiter, offered!.order!.id))!;
      expect(bought.status).toBe('PAID');
      expect(bought.tickets).toHaveLength(1);
      expect((await api.ok<Entry[]>(MY_WAITING, {}, waiter.token))[0]).toMatchObject({ id: joined.id, status: 'ACCEPTED' });
    }, 200_000);
  });

  describe('door staff', () => {
    it('validate, check in and undo at their event; the organizer reads every scan; another event’s tickets do not exist for them', async () => {
      const event = await api.publishedEvent(organizer, 'Door Night');
      const elsewhere = await api.publishedEvent(organizer, 'Other Night');
      const staff = await signUpWithEmail('Sam Staff');
      const named = await api.ok<{ user: { id: string }; email: string }>(
        ADD_STAFF,
        { e: event.id, m: staff.email.toUpperCase() },
        organizer.token,
      );
      expect(named).toEqual({ user: { id: staff.id }, email: staff.email });

      const type = await shop.ticketType(organizer, event.id, { name: 'Standing', priceCents: 0 });
      const otherType = await shop.ticketType(organizer, elsewhere.id, { name: 'Standing', priceCents: 0 });
      const order = await reserveWith(buyer, {
        eventId: event.id,
        items: [{ ticketTypeId: type.id, quantity: 1 }],
        attendees: [{ ticketTypeId: type.id, name: 'Ann Attendee' }],
      });
      const ticket = order.tickets[0]!;
      const other = (await reserveWith(buyer, { eventId: elsewhere.id, items: [{ ticketTypeId: otherType.id, quantity: 1 }] })).tickets[0]!;

      expect(await api.ok(VALIDATE, { c: ticket.code, e: event.id }, staff.token)).toEqual({
        valid: true,
        reason: null,
        ticket: { id: ticket.id, attendeeName: 'Ann Attendee' },
      });
      expect(await api.ok(CHECK_IN, { c: ticket.code, e: event.id }, staff.token)).toMatchObject({ id: ticket.id, status: 'USED' });
      expect(await api.errorOf(CHECK_IN, { c: ticket.code, e: event.id }, staff.token)).toMatchObject({ code: 'TICKET_ALREADY_USED' });
      expect(await api.ok(UNDO, { id: ticket.id }, staff.token)).toEqual({ id: ticket.id, status: 'ACTIVE', checkedInAt: null });
      expect(await api.ok(VALIDATE, { c: ticket.code, e: event.id }, staff.token)).toMatchObject({ valid: true });

      // Staff of one event are nobody at the organizer's other event.
      expect(await api.ok(VALIDATE, { c: other.code }, staff.token)).toEqual({ valid: false, reason: 'NOT_FOUND', ticket: null });
      expect(await api.errorOf(CHECK_IN, { c: other.code }, staff.token)).toMatchObject({ code: 'NOT_FOUND' });
      expect(await api.errorOf(UNDO, { id: other.id }, staff.token)).toMatchObject({ code: 'NOT_FOUND' });
      expect(await api.ok(VALIDATE, { c: other.code }, organizer.token)).toMatchObject({ valid: true });

      const log = await api.ok<{ checkIns: { edges: { node: Scan }[] } }>(CHECK_INS, { id: event.id }, organizer.token);
      const scan = (action: string, result: string, accepted: boolean) => ({
        action,
        result,
        accepted,
        ticket: { id: ticket.id },
        scannedBy: { id: staff.id },
      });
      // Newest first; a validation that finds the ticket good is not logged.
      expect(log.checkIns.edges.map((e) => e.node)).toEqual([
        scan('UNDO', 'UNDONE', true),
        scan('CHECK_IN', 'USED', false),
        scan('CHECK_IN', 'ADMITTED', true),
      ]);
      const asStaff = await api.ok<{ checkIns: { edges: unknown[] } }>(CHECK_INS, { id: event.id }, staff.token);
      expect(asStaff.checkIns.edges).toEqual([]);
    });
  });

  describe('GET /exports/events/:id/attendees.csv', () => {
    it('gives the organizer every ticket with the attendee’s answers, through the router; the buyer gets 404', async () => {
      const event = await api.publishedEvent(organizer, 'Workshop');
      const { questions } = await api.ok<{ questions: { id: string; label: string }[] }>(
        SET_QUESTIONS,
        {
          e: event.id,
          q: [
            { label: 'T-shirt size', kind: 'CHOICE', required: true, options: ['S', 'M', 'L'] },
            { label: 'Dietary needs', kind: 'TEXT', required: false },
          ],
        },
        organizer.token,
      );
      const type = await shop.ticketType(organizer, event.id, { name: 'Seat', priceCents: 0 });
      const order = await reserveWith(buyer, {
        eventId: event.id,
        items: [{ ticketTypeId: type.id, quantity: 2 }],
        attendees: [
          { ticketTypeId: type.id, name: 'Ann Attendee', answers: [{ questionId: questions[0]!.id, value: 'L' }] },
          {
            ticketTypeId: type.id,
            name: 'Carl Comma',
            email: 'carl@example.com',
            answers: [
              { questionId: questions[0]!.id, value: 'S' },
              { questionId: questions[1]!.id, value: 'nuts, "no" peanuts' },
            ],
          },
        ],
      });
      expect(order.status).toBe('PAID');

      const download = async (who: Actor) => {
        const response = await fetch(new URL(`/exports/events/${event.id}/attendees.csv`, platform.routerUrl), {
          headers: { authorization: `Bearer ${who.token}` },
        });
        return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
      };
      const file = await download(organizer);
      expect(file.status).toBe(200);
      expect(file.type).toMatch(/^text\/csv/);
      const [header, ...rows] = file.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(header).toContain('attendee_name');
      expect(header).toContain('T-shirt size');
      expect(header).toContain('Dietary needs');
      expect(rows).toHaveLength(2);
      const ann = rows.find((r) => r.includes('Ann Attendee'));
      const carl = rows.find((r) => r.includes('Carl Comma'));
      expect(ann).toMatch(/(^|,)L(,|$)/);
      expect(carl).toContain('carl@example.com');
      // Quoted as CSV: the comma and the quotes stay inside one field.
      expect(carl).toContain('"nuts, ""no"" peanuts"');
      // No ticket codes in a file that may be forwarded.
      for (const t of order.tickets) expect(file.body).not.toContain(t.code);

      const refused = await download(buyer);
      expect(refused.status).toBe(404);
      expect(refused.body).not.toContain('Ann Attendee');
    });
  });
});
