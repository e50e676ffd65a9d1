import { describe, expect, it } from 'vitest';
import { memoryStorage } from './storage';
import type { PublicQrKey } from './ticket-code';
import { createTicketLists, type Revocation, type RevocationPage } from './ticket-lists';

const key = (kid: string, exp?: number): PublicQrKey => ({
  kty: 'OKP',
  crv: 'Ed25519',
  x: 'x',
  kid,
  ...(exp === undefined ? {} : { exp }),
});
const revoked = (ticketId: string): Revocation => ({ ticketId, code: `CODE-${ticketId}` });

/** `pages` by event, then by the cursor asked after ('start' for none). */
function setup(pages: Record<string, Record<string, RevocationPage>>, keys: PublicQrKey[] = [key('k1')]) {
  const storage = memoryStorage();
  const asked: [string, string | null][] = [];
  const deps = {
    storage,
    fetchKeys: async () => keys,
    fetchRevocations: async (eventId: string, after: string | null) => {
      asked.push([eventId, after]);
      return pages[eventId]?.[after ?? 'start'] ?? { revoked: [], cursor: after, complete: true };
    },
  };
  return { storage, asked, deps, lists: createTicketLists(deps) };
}

describe('createTicketLists', () => {
  it('reads the chosen event’s revocation list page by page', async () => {
    const { lists, asked } = setup({
      e1: {
        start: { revoked: [revoked('t1'), revoked('t2')], cursor: 'c1', complete: false },
        c1: { revoked: [revoked('t3')], cursor: 'c2', complete: true },
      },
    });
    await lists.load('e1');
    expect(await lists.refresh()).toBe(true);
    expect(asked).toEqual([
      ['e1', null],
      ['e1', 'c1'],
    ]);
    expect([lists.isRevoked('t1'), lists.isRevoked('t2'), lists.isRevoked('t3'), lists.isRevoked('t4')]).toEqual([true, true, true, false]);
    expect(lists.isRevokedCode('CODE-t3')).toBe(true);
    expect(lists.status()).toMatchObject({ revokedCount: 3, refreshing: false });
    expect(lists.hasKey('k1')).toBe(true);
  });

  it('asks only for what was cancelled since its cursor on the next refresh, and after a reload', async () => {
    const { lists, asked, deps } = setup({
      e1: {
        start: { revoked: [revoked('t1')], cursor: 'c1', complete: true },
        c1: { revoked: [revoked('t4')], cursor: 'c2', complete: true },
      },
    });
    await lists.load('e1');
    await lists.refresh();
    await lists.refresh();
    expect(asked).toEqual([
      ['e1', null],
      ['e1', 'c1'],
    ]);
    const reloaded = createTicketLists(deps);
    await reloaded.load('e1');
    expect([reloaded.isRevoked('t1'), reloaded.isRevoked('t4')]).toEqual([true, true]);
    await reloaded.refresh();
    expect(asked.at(-1)).toEqual(['e1', 'c2']);
  });

  it('keeps each event’s list and cursor apart: another event starts its own list from the beginning', async () => {
    const { lists, asked } = setup({
      e1: { start: { revoked: [revoked('t1')], cursor: 'c1', complete: true } },
      e2: { start: { revoked: [revoked('t2')], cursor: 'd1', complete: true } },
    });
    await lists.load('e1');
    await lists.refresh();
    await lists.load('e2');
    expect(lists.isRevoked('t1')).toBe(false);
    await lists.refresh();
    expect(asked).toEqual([
      ['e1', null],
      ['e2', null],
    ]);
    expect([lists.isRevoked('t1'), lists.isRevoked('t2')]).toEqual([false, true]);
    await lists.load('e1');
    expect([lists.isRevoked('t1'), lists.isRevoked('t2')]).toEqual([true, false]);
  });

  it('keeps what it had when there is no answer', async () => {
    const { lists, deps } = setup({ e1: { start: { revoked: [revoked('t1')], cursor: 'c1', complete: true } } });
    await lists.load('e1');
    await lists.refresh();
    const offline = createTicketLists({ ...deps, fetchRevocations: () => Promise.reject(new TypeError('Failed to fetch')) });
    await offline.load('e1');
    expect(await offline.refresh()).toBe(false);
    expect(offline.isRevoked('t1')).toBe(true);
    expect(offline.ready()).toBe(true);
  });

  it('says when each cached key retires: its `exp`, or never when it has none', async () => {
    const { lists } = setup({}, [key('k1'), key('k2', 1_777_000_000)]);
    await lists.load('e1');
    await lists.refresh();
    expect(lists.keyExpiresAt('k1')).toBeUndefined();
    expect(lists.keyExpiresAt('k2')).toEqual(new Date(1_777_000_000_000));
    expect(lists.keyExpiresAt('unknown')).toBeUndefined();
  });
});
