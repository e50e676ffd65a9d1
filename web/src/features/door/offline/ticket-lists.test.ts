import { describe, expect, it } from 'vitest';
import { memoryStorage } from './storage';
import type { PublicQrKey } from './ticket-code';
import { createTicketLists, type Revocation, type RevocationPage } from './ticket-lists';

const key = (kid: string): PublicQrKey => ({ kty: 'OKP', crv: 'Ed25519', x: 'x', kid });
const revoked = (ticketId: string, eventId: string): Revocation => ({
  ticketId,
  eventId,
  code: `CODE-${ticketId}`,
  cancelledAt: '2026-05-01T10:00:00Z',
});

function setup(pages: Record<string, RevocationPage>) {
  const storage = memoryStorage();
  const asked: (string | null)[] = [];
  const deps = {
    storage,
    fetchKeys: async () => [key('k1')],
    fetchRevocations: async (after: string | null) => {
      asked.push(after);
      return pages[after ?? 'start'] ?? { revoked: [], cursor: after, complete: true };
    },
  };
  return { storage, asked, deps, lists: createTicketLists(deps) };
}

describe('createTicketLists', () => {
  it('reads the revocation list page by page and keeps the chosen event’s tickets', async () => {
    const { lists, asked } = setup({
      start: { revoked: [revoked('t1', 'e1'), revoked('t2', 'e2')], cursor: 'c1', complete: false },
      c1: { revoked: [revoked('t3', 'e1')], cursor: 'c2', complete: true },
    });
    await lists.load('e1');
    expect(await lists.refresh()).toBe(true);
    expect(asked).toEqual([null, 'c1']);
    expect([lists.isRevoked('t1'), lists.isRevoked('t2'), lists.isRevoked('t3')]).toEqual([true, false, true]);
    expect(lists.isRevokedCode('CODE-t3')).toBe(true);
    expect(lists.status()).toMatchObject({ revokedCount: 2, refreshing: false });
    expect(lists.hasKey('k1')).toBe(true);
  });

  it('asks only for what was cancelled since its cursor on the next refresh, and after a reload', async () => {
    const { lists, asked, deps } = setup({
      start: { revoked: [revoked('t1', 'e1')], cursor: 'c1', complete: true },
      c1: { revoked: [revoked('t4', 'e1')], cursor: 'c2', complete: true },
    });
    await lists.load('e1');
    await lists.refresh();
    await lists.refresh();
    expect(asked).toEqual([null, 'c1']);
    const reloaded = createTicketLists(deps);
    await reloaded.load('e1');
    expect([reloaded.isRevoked('t1'), reloaded.isRevoked('t4')]).toEqual([true, true]);
    await reloaded.refresh();
    expect(asked).toEqual([null, 'c1', 'c2']);
  });

  it('keeps what it had when there is no answer', async () => {
    const { lists, deps } = setup({ start: { revoked: [revoked('t1', 'e1')], cursor: 'c1', complete: true } });
    await lists.load('e1');
    await lists.refresh();
    const offline = createTicketLists({ ...deps, fetchRevocations: () => Promise.reject(new TypeError('Failed to fetch')) });
    await offline.load('e1');
    expect(await offline.refresh()).toBe(false);
    expect(offline.isRevoked('t1')).toBe(true);
    expect(offline.ready()).toBe(true);
  });
});
