import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test support: payloads signed by the tickets service's own signQrPayload
import { qrKey, signedPayload, ticketRecord } from '../../../test/support/qr-keys';
import type { Answer, DoorApi } from './api/client';
import { createCheckInQueue } from './offline/check-in-queue';
import { memoryStorage } from './offline/storage';
import type { PublicQrKey } from './offline/ticket-code';
import { createTicketLists, type Revocation } from './offline/ticket-lists';
import { createScanning } from './scanning';

const CODE = 'K7Q2-XR4M-P9TD-AB12-CD34-EF56-GH78';

/** The scan path over memory storage, published keys and a revocation list, with a scripted API. */
async function door(options: {
  keys: PublicQrKey[];
  record?: ReturnType<typeof ticketRecord>;
  revoked?: Revocation[];
  online?: boolean;
  validate?: Answer<unknown>;
}) {
  const record = options.record ?? ticketRecord();
  const storage = memoryStorage();
  let published = options.keys;
  const lists = createTicketLists({
    storage,
    fetchKeys: async () => published,
    fetchRevocations: async () => ({ revoked: options.revoked ?? [], cursor: null, complete: true }),
  });
  const queue = createCheckInQueue({ storage, send: async () => ({ kind: 'no-answer' }), isOnline: () => false });
  const calls: unknown[] = [];
  const api = {
    anonymous: async () => ({ ok: false, failure: { kind: 'no-answer' } }),
    signedIn: async (_query: string, variables: object) => {
      calls.push(variables);
      return options.validate ?? { ok: false, failure: { kind: 'no-answer' } };
    },
  } as unknown as DoorApi;
  const event = {
    id: record.eventId,
    title: 'Jazz',
    venue: 'Hall',
    startsAt: '',
    endsAt: '',
    ticketTypes: [{ id: record.ticketTypeId, name: 'Standing' }],
  };
  await lists.load(event.id);
  await lists.refresh();
  const scanning = createScanning({ event, lists, queue, api, isOnline: () => options.online ?? false });
  return { record, scanning, queue, calls, publish: (keys: PublicQrKey[]) => (published = keys) };
}

describe('createScanning (from scanned text to a verdict)', () => {
  it('admits a signed ticket with no connection, queues its check-in, and says USED on the second scan', async () => {
    const key = qrKey();
    const { record, scanning, queue } = await door({ keys: [key.publicJwk] });
    const payload = signedPayload(record, key);

    const first = await scanning.scan(payload);
    expect(first.verdict).toEqual({ status: 'VALID' });
    expect(first.ticket).toEqual({ ticketId: record.ticketId, typeName: 'Standing' });
    expect(queue.get(first.checkInId!)).toMatchObject({ code: payload, verified: true, state: 'pending', ticketId: record.ticketId });

    const second = await scanning.scan(payload);
    expect(second.verdict).toMatchObject({ status: 'USED', here: true });
    expect(second.checkInId).toBeUndefined();
  });

  it('says CANCELLED for a revoked ticket, by its payload or by its typed code', async () => {
    const key = qrKey();
    const record = ticketRecord();
    const revoked = [{ ticketId: record.ticketId, code: CODE }];
    const { scanning, queue } = await door({ keys: [key.publicJwk], record, revoked });
    expect((await scanning.scan(signedPayload(record, key))).verdict).toEqual({ status: 'CANCELLED' });
    expect((await scanning.scan(CODE)).verdict).toEqual({ status: 'CANCELLED' });
    expect(queue.entries(record.eventId)).toEqual([]);
  });

  it('turns away a forged payload and another event’s ticket', async () => {
    const key = qrKey();
    const { record, scanning } = await door({ keys: [key.publicJwk] });
    const forged = Buffer.from(signedPayload(record, key), 'base64url');
    forged[70]! ^= 1;
    expect((await scanning.scan(forged.toString('base64url'))).verdict).toEqual({ status: 'INVALID', reason: 'BAD_SIGNATURE' });
    expect((await scanning.scan(signedPayload(ticketRecord(), key))).verdict).toEqual({ status: 'WRONG_EVENT' });
    expect(await scanning.scan('hello')).toMatchObject({ verdict: { status: 'INVALID', reason: 'UNREADABLE' } });
  });

  it('turns away a ticket signed by a key the key list says retired (`exp` passed), even online; one before its `exp` enters', async () => {
    const retired = qrKey();
    const current = qrKey();
    const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;
    const { record, scanning } = await door({
      keys: [
        { ...retired.publicJwk, exp: inSeconds(-60) },
        { ...current.publicJwk, exp: inSeconds(3600) },
      ],
      online: true,
    });
    const scanned = await scanning.scan(signedPayload(record, retired));
    expect(scanned.verdict).toEqual({ status: 'INVALID', reason: 'RETIRED_KEY' });
    expect(scanned.checkInId).toBeUndefined();
    expect((await scanning.scan(signedPayload(record, current))).verdict).toEqual({ status: 'VALID' });
  });

  it('fetches the keys again when a payload names an unknown one while online (the keys rotated)', async () => {
    const old = qrKey();
    const rotated = qrKey();
    const { record, scanning, publish } = await door({ keys: [old.publicJwk], online: true });
    publish([old.publicJwk, rotated.publicJwk]);
    expect((await scanning.scan(signedPayload(record, rotated))).verdict).toEqual({ status: 'VALID' });
  });

  it('queues a typed code unverified with no connection', async () => {
    const { scanning, queue, calls } = await door({ keys: [] });
    const result = await scanning.scan(CODE.toLowerCase());
    expect(result.verdict).toEqual({ status: 'UNVERIFIED' });
    expect(queue.get(result.checkInId!)).toMatchObject({ code: CODE, verified: false, state: 'pending' });
    expect(calls).toEqual([]);
  });

  it('asks the server about a typed code when online, and shows the holder it names', async () => {
    const ticket = {
      id: 't1',
      status: 'USED',
      checkedInAt: '2026-05-01T17:00:00Z',
      ticketType: { name: 'VIP' },
      owner: { displayName: 'Ann' },
    };
    const { scanning, calls } = await door({
      keys: [],
      online: true,
      validate: { ok: true, data: { validateTicket: { valid: false, reason: 'USED', ticket } } },
    });
    const result = await scanning.scan(CODE);
    expect(calls).toEqual([{ code: CODE, eventId: expect.any(String) }]);
    expect(result.verdict).toEqual({ status: 'USED', checkedInAt: '2026-05-01T17:00:00Z', here: false });
    expect(result.ticket).toMatchObject({ typeName: 'VIP', ownerName: 'Ann' });
    expect(result.checkInId).toBeUndefined();
  });
});
