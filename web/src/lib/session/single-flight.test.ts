import { describe, expect, it, vi } from 'vitest';
import { createRefresher, type RefresherDeps } from './single-flight';
import { fakeAuthServer, fakeLocks, memoryStore } from './testing';

type Tab = { held?: string };

/** One tab's refresher over shared storage and locks; `announce` may reach the other tabs at once. */
function tab(shared: Pick<RefresherDeps, 'store' | 'locks' | 'exchange'>, state: Tab, others: Tab[] = []) {
  return createRefresher({
    ...shared,
    current: () => state.held,
    isFresh: () => true,
    announce: (token) => others.forEach((other) => (other.held = token)),
  });
}

describe('createRefresher', () => {
  it('shares one refresh among every caller in a tab', async () => {
    const server = fakeAuthServer();
    const store = memoryStore(server.signIn().refreshToken);
    const refresh = tab({ store, locks: fakeLocks(), exchange: server.refresh }, {});

    const outcomes = await Promise.all([refresh(), refresh(), refresh(), refresh(), refresh()]);

    expect(server.exchanges).toHaveLength(1);
    expect(new Set(outcomes.map((o) => (o.kind === 'ended' ? '' : o.accessToken))).size).toBe(1);
    expect(store.value).not.toBe(server.exchanges[0]);
  });

  it('takes turns across tabs and reads the token inside the lock, so no token is presented twice', async () => {
    const server = fakeAuthServer();
    const shared = { store: memoryStore(server.signIn().refreshToken), locks: fakeLocks(), exchange: server.refresh };
    const a = tab(shared, {});
    const b = tab(shared, {}); // the other tab's announcement has not arrived

    const [first, second] = await Promise.all([a(), b()]);

    expect(first.kind).toBe('rotated');
    expect(second.kind).toBe('rotated');
    expect(new Set(server.exchanges).size).toBe(2);
    expect(server.reuseDetected).toBe(0);
    expect(server.isRevoked(shared.store.value!)).toBe(false);
  });

  it('uses the access token another tab shared while it waited for the lock', async () => {
    const server = fakeAuthServer();
    const shared = { store: memoryStore(server.signIn().refreshToken), locks: fakeLocks(), exchange: server.refresh };
    const stateA: Tab = { held: 'expired-a' };
    const stateB: Tab = { held: 'expired-a' };
    const a = tab(shared, stateA, [stateB]);
    const b = tab(shared, stateB, [stateA]);

    const [first, second] = await Promise.all([a('expired-a'), b('expired-a')]);

    expect(server.exchanges).toHaveLength(1);
    expect(first).toMatchObject({ kind: 'rotated' });
    expect(second).toEqual({ kind: 'shared', accessToken: first.kind === 'rotated' ? first.accessToken : '' });
  });

  it('ends the session when the server refuses the token, and forgets it', async () => {
    const server = fakeAuthServer();
    const store = memoryStore('rt-unknown');
    const refresh = tab({ store, locks: fakeLocks(), exchange: server.refresh }, {});

    expect(await refresh()).toEqual({ kind: 'ended' });
    expect(store.value).toBeNull();
  });

  it('ends at once, asking no one, when no refresh token is stored', async () => {
    const exchange = vi.fn();
    const refresh = tab({ store: memoryStore(), locks: fakeLocks(), exchange }, {});
    expect(await refresh()).toEqual({ kind: 'ended' });
    expect(exchange).not.toHaveBeenCalled();
  });

  it('keeps the token when there is no answer, and the next refresh tries again', async () => {
    const server = fakeAuthServer();
    const pair = server.signIn();
    const store = memoryStore(pair.refreshToken);
    const refresh = tab({ store, locks: fakeLocks(), exchange: server.refresh }, {});
    server.failNext = true;

    await expect(refresh()).rejects.toThrow('Failed to fetch');
    expect(store.value).toBe(pair.refreshToken);
    expect(await refresh()).toMatchObject({ kind: 'rotated' });
  });

  it('still runs one refresh at a time within a tab where the browser has no Web Locks', async () => {
    const server = fakeAuthServer();
    const store = memoryStore(server.signIn().refreshToken);
    const refresh = tab({ store, exchange: server.refresh }, {});

    await Promise.all([refresh(), refresh(), refresh()]);
    await refresh();

    expect(server.exchanges).toHaveLength(2);
    expect(server.reuseDetected).toBe(0);
  });
});
