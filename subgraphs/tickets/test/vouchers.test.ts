/**
 * Vouchers and hidden ticket types over the tickets API, in both runtime modes: the organizer makes
 * them and alone sees them; reserveTickets applies one per line (never below 0), counts its uses
 * against maxUses and gives them back when the hold ends; hidden types are sold only with a voucher
 * that names them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@sbor/testing';
import {
  CANCEL,
  MODES,
  organizerOf,
  RESERVE,
  startTicketsService,
  typeOnSale,
  type Caller,
  type TicketsService,
} from './organizer-tools-harness.js';

const CREATE_VOUCHER = `mutation($eventId: ID!, $input: VoucherInput!) { createVoucher(eventId: $eventId, input: $input) {
  id code kind value maxUses used validFrom validUntil event { id } ticketTypes { id } } }`;
const EVENT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { vouchers { code used } ticketTypes { id hidden } } } }`;

describe.each(MODES)('vouchers (%s mode)', (mode) => {
  let service: TicketsService;
  beforeAll(async () => {
    service = await startTicketsService(mode, 'tickets_vouchers');
  });
  afterAll(async () => {
    await service?.close();
  });

  const eventAs = async (eventId: string, caller?: Caller) =>
    (await service.ok(EVENT, { r: [{ __typename: 'Event', id: eventId }] }, caller))._entities[0];

  const reserve = (eventId: string, items: { ticketTypeId: string; quantity: number }[], buyer: string, voucherCode?: string) =>
    service.gql(RESERVE, { input: { eventId, items, voucherCode, idempotencyKey: randomUUID() } }, buyer);

  async function eventWithVoucher(input: Record<string, unknown>, type: { quantity?: number; priceCents?: number } = {}) {
    const event = service.stub.add();
    const typeId = await typeOnSale(service, event, { quantity: type.quantity ?? 20, priceCents: type.priceCents ?? 1500 });
    const data = await service.ok(CREATE_VOUCHER, { eventId: event.id, input }, organizerOf(event));
    return { event, typeId, voucher: data.createVoucher };
  }

  describe('Mutation.createVoucher', () => {
    it('makes a voucher that only the event’s organizer sees in Event.vouchers', async () => {
      const event = service.stub.add();
      const typeId = await typeOnSale(service, event, { quantity: 5 });
      const created = await service.ok(
        CREATE_VOUCHER,
        { eventId: event.id, input: { code: 'EarlyBird', kind: 'PERCENT', value: 25, ticketTypeIds: [typeId], maxUses: 3 } },
        organizerOf(event),
      );
      expect(created.createVoucher).toMatchObject({
        code: 'EarlyBird',
        kind: 'PERCENT',
        value: 25,
        maxUses: 3,
        used: 0,
        event: { id: event.id },
        ticketTypes: [{ id: typeId }],
      });

      expect((await eventAs(event.id, organizerOf(event))).vouchers).toEqual([{ code: 'EarlyBird', used: 0 }]);
      expect((await eventAs(event.id, { userId: randomUUID(), role: 'ORGANIZER' })).vouchers).toEqual([]);
      expect((await eventAs(event.id)).vouchers).toEqual([]);
    });

    it('never lets anyone but the organizer make one: anonymous, a plain user, another organizer', async () => {
      const event = service.stub.add();
      const input = { code: 'NOPE1', kind: 'FREE', value: 0 };
      expect(await service.refusal(CREATE_VOUCHER, { eventId: event.id, input })).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await service.refusal(CREATE_VOUCHER, { eventId: event.id, input }, event.organizerId)).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(
        await service.refusal(CREATE_VOUCHER, { eventId: event.id, input }, { userId: randomUUID(), role: 'ORGANIZER' }),
      ).toMatchObject({ code: 'NOT_FOUND' });
      expect((await eventAs(event.id, organizerOf(event))).vouchers).toEqual([]);
    });

    it('refuses bad input naming the field: a taken code in any case, a malformed code, a value its kind does not take, another event’s type, a backwards window', async () => {
      const { event } = await eventWithVoucher({ code: 'SUMMER', kind: 'AMOUNT', value: 500 });
      const other = service.stub.add();
      const strangerType = await typeOnSale(service, other, { quantity: 1 });
      const refused = (input: Record<string, unknown>) => service.refusal(CREATE_VOUCHER, { eventId: event.id, input }, organizerOf(event));

      expect(await refused({ code: 'summer', kind: 'AMOUNT', value: 100 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      expect(await refused({ code: 'no spaces', kind: 'AMOUNT', value: 100 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      expect(await refused({ code: 'HALF', kind: 'PERCENT', value: 150 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
      expect(await refused({ code: 'ZERO', kind: 'AMOUNT', value: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
      expect(await refused({ code: 'OTHER', kind: 'FREE', value: 0, ticketTypeIds: [strangerType] })).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'ticketTypeIds.0',
      });
      const from = new Date(Date.now() + 86_400_000);
      expect(
        await refused({
          code: 'BACK',
          kind: 'FREE',
          value: 0,
          validFrom: from.toISOString(),
          validUntil: new Date(from.getTime() - 1).toISOString(),
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validUntil' });
      expect((await eventAs(event.id, organizerOf(event))).vouchers).toEqual([{ code: 'SUMMER', used: 0 }]);
    });
  });

  describe('Mutation.reserveTickets with a voucherCode', () => {
    it('takes the discount off each ticket it applies to, matching the code whatever its case', async () => {
      const event = service.stub.add();
      const standard = await typeOnSale(service, event, { quantity: 10, priceCents: 2000 });
      const vip = await typeOnSale(service, event, { quantity: 10, priceCents: 5000, name: 'VIP' });
      await service.ok(
        CREATE_VOUCHER,
        { eventId: event.id, input: { code: 'Friends', kind: 'PERCENT', value: 10, ticketTypeIds: [vip] } },
        organizerOf(event),
      );

      const answer = await reserve(
        event.id,
        [
          { ticketTypeId: standard, quantity: 2 },
          { ticketTypeId: vip, quantity: 3 },
        ],
        randomUUID(),
        'fRIENDS',
      );

      expect(answer.errors).toBeUndefined();
      expect(answer.data!.reserveTickets).toMatchObject({
        status: 'RESERVED',
        totalCents: 2 * 2000 + 3 * 5000 - 3 * 500,
        voucher: { code: 'Friends', used: 3 },
        lines: [
          { ticketType: { id: standard }, quantity: 2, unitPriceCents: 2000, discountCents: 0 },
          { ticketType: { id: vip }, quantity: 3, unitPriceCents: 5000, discountCents: 1500 },
        ],
      });
    });

    it('never takes a total below 0: an amount larger than the price, or FREE, makes the order free and paid at once', async () => {
      const big = await eventWithVoucher({ code: 'BIGCUT', kind: 'AMOUNT', value: 99_999 }, { priceCents: 1500 });
      const bigAnswer = await reserve(big.event.id, [{ ticketTypeId: big.typeId, quantity: 2 }], randomUUID(), 'bigcut');
      expect(bigAnswer.data?.reserveTickets).toMatchObject({ status: 'PAID', totalCents: 0, lines: [{ discountCents: 3000 }] });
      expect(bigAnswer.data?.reserveTickets.tickets).toHaveLength(2);

      const free = await eventWithVoucher({ code: 'GUEST', kind: 'FREE', value: 0 }, { priceCents: 4200 });
      const freeAnswer = await reserve(free.event.id, [{ ticketTypeId: free.typeId, quantity: 1 }], randomUUID(), 'Guest');
      expect(freeAnswer.data?.reserveTickets).toMatchObject({ status: 'PAID', totalCents: 0 });
    });

    it('answers VOUCHER_INVALID for an unknown code, one not yet valid, another event’s, or one for none of the lines', async () => {
      const { event, typeId } = await eventWithVoucher({
        code: 'LATER',
        kind: 'PERCENT',
        value: 50,
        validFrom: new Date(Date.now() + 3_600_000).toISOString(),
      });
      const other = await eventWithVoucher({ code: 'ELSEWHERE', kind: 'PERCENT', value: 50 });
      const vip = await typeOnSale(service, event, { quantity: 5, name: 'VIP' });
      await service.ok(
        CREATE_VOUCHER,
        { eventId: event.id, input: { code: 'VIPONLY', kind: 'AMOUNT', value: 100, ticketTypeIds: [vip] } },
        organizerOf(event),
      );
      const line = [{ ticketTypeId: typeId, quantity: 1 }];

      for (const code of ['NOSUCH', 'later', 'ELSEWHERE', 'VIPONLY']) {
        expect((await reserve(event.id, line, randomUUID(), code)).errors?.[0]?.extensions, code).toMatchObject({
          code: 'VOUCHER_INVALID',
          field: 'voucherCode',
        });
      }
      expect(
        (await reserve(other.event.id, [{ ticketTypeId: other.typeId, quantity: 1 }], randomUUID(), 'elsewhere')).errors,
      ).toBeUndefined();
    });

    it('answers VOUCHER_EXHAUSTED when its uses run out, and gives a use back when its order is cancelled or expires', async () => {
      const { event, typeId } = await eventWithVoucher({ code: 'TWICE', kind: 'AMOUNT', value: 500, maxUses: 2 });
      const uses = async () => (await eventAs(event.id, organizerOf(event))).vouchers[0].used as number;
      const first = randomUUID();
      const a = await reserve(event.id, [{ ticketTypeId: typeId, quantity: 1 }], first, 'TWICE');
      const b = await reserve(event.id, [{ ticketTypeId: typeId, quantity: 1 }], randomUUID(), 'twice');
      expect([a.errors, b.errors, await uses()]).toEqual([undefined, undefined, 2]);

      expect(
        (await reserve(event.id, [{ ticketTypeId: typeId, quantity: 1 }], randomUUID(), 'TWICE')).errors?.[0]?.extensions,
      ).toMatchObject({
        code: 'VOUCHER_EXHAUSTED',
        remaining: 0,
      });

      await service.ok(CANCEL, { id: a.data!.reserveTickets.id }, first);
      expect(await uses()).toBe(1);
      const c = await reserve(event.id, [{ ticketTypeId: typeId, quantity: 2 }], randomUUID(), 'TWICE');
      expect(c.errors?.[0]?.extensions).toMatchObject({ code: 'VOUCHER_EXHAUSTED', remaining: 1 });

      await service.expireHold(b.data!.reserveTickets.id);
      await waitFor(async () => (await uses()) === 0, 10_000, 'the expired hold’s use back');
      expect((await reserve(event.id, [{ ticketTypeId: typeId, quantity: 2 }], randomUUID(), 'TWICE')).errors).toBeUndefined();
      expect(await uses()).toBe(2);
    });
  });

  describe('hidden ticket types', () => {
    it('are listed to their organizer only, and sold only with a voucher that names them', async () => {
      const event = service.stub.add();
      const listed = await typeOnSale(service, event, { quantity: 5 });
      const hidden = await typeOnSale(service, event, { quantity: 5, name: 'Crew', hidden: true });
      const organizer = organizerOf(event);
      await service.ok(CREATE_VOUCHER, { eventId: event.id, input: { code: 'ALLTYPES', kind: 'PERCENT', value: 10 } }, organizer);
      await service.ok(
        CREATE_VOUCHER,
        { eventId: event.id, input: { code: 'CREW', kind: 'PERCENT', value: 100, ticketTypeIds: [hidden] } },
        organizer,
      );

      expect((await eventAs(event.id)).ticketTypes).toEqual([{ id: listed, hidden: false }]);
      expect((await eventAs(event.id, randomUUID())).ticketTypes).toEqual([{ id: listed, hidden: false }]);
      expect((await eventAs(event.id, organizer)).ticketTypes).toEqual([
        { id: listed, hidden: false },
        { id: hidden, hidden: true },
      ]);

      const line = [{ ticketTypeId: hidden, quantity: 1 }];
      expect((await reserve(event.id, line, randomUUID())).errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'items.0.ticketTypeId',
      });
      expect((await reserve(event.id, line, randomUUID(), 'ALLTYPES')).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect((await reserve(event.id, line, randomUUID(), 'crew')).data?.reserveTickets).toMatchObject({ status: 'PAID', totalCents: 0 });
    });

    it('are listed after the others to anyone who passes a code of the event naming them, valid now', async () => {
      const event = service.stub.add();
      const listed = await typeOnSale(service, event, { quantity: 5 });
      const hidden = await typeOnSale(service, event, { quantity: 5, name: 'Guests', hidden: true });
      const organizer = organizerOf(event);
      const hour = 60 * 60 * 1000;
      await service.ok(
        CREATE_VOUCHER,
        { eventId: event.id, input: { code: 'GUESTS', kind: 'FREE', value: 0, ticketTypeIds: [hidden] } },
        organizer,
      );
      await service.ok(
        CREATE_VOUCHER,
        {
          eventId: event.id,
          input: { code: 'LATER', kind: 'FREE', value: 0, ticketTypeIds: [hidden], validFrom: new Date(Date.now() + hour).toISOString() },
        },
        organizer,
      );
      const typesWith = async (code: string) =>
        (
          await service.ok(
            `query($r: [_Any!]!, $c: String) { _entities(representations: $r) { ... on Event { ticketTypes(voucherCode: $c) { id hidden } } } }`,
            { r: [{ __typename: 'Event', id: event.id }], c: code },
            randomUUID(),
          )
        )._entities[0].ticketTypes;
      expect(await typesWith('guests')).toEqual([
        { id: listed, hidden: false },
        { id: hidden, hidden: true },
      ]);
      // Not yet valid, unknown, or another event's: the listing is unchanged.
      expect(await typesWith('LATER')).toEqual([{ id: listed, hidden: false }]);
      expect(await typesWith('NOPE')).toEqual([{ id: listed, hidden: false }]);
      const other = service.stub.add();
      await typeOnSale(service, other, { quantity: 1 });
      await service.ok(CREATE_VOUCHER, { eventId: other.id, input: { code: 'OTHER', kind: 'FREE', value: 0 } }, organizerOf(other));
      expect(await typesWith('OTHER')).toEqual([{ id: listed, hidden: false }]);
    });
  });
});
