import { afterEach, describe, expect, it } from 'vitest';
import { createSession, EXPIRY_MARGIN_MS, type Session } from './session';
import { channelHub, fakeAuthServer, fakeLocks, memoryStore } from './testing';

const sessions: Session[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

/** Several tabs of one origin: one localStorage, one lock manager, one broadcast channel, one server. */
function browser(options: { now?: () => number } = {}) {
  const server = fakeAuthServer(options);
  const store = memoryStore();
  const locks = fakeLocks();
  const hub = channelHub();
  const openTab = () => {
    const session = createSession({ store, locks, channel: hub.tab(), api: server, now: options.now, retryDelaysMs: [1] });
    sessions.push(session);
    return session;
  };
  return { server, store, openTab };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createSession', () => {
  it('starts signed out when no refresh token is stored', () => {
    const { openTab } = browser();
    expect(openTab().getState()).toEqual({ status: 'signed-out' });
  });

  it('survives a reload: the stored refresh token becomes a session again', async () => {
    const { server, store, openTab } = browser();
    store.write(server.signIn('ann').refreshToken);

    const tab = openTab();
    expect(tab.getState().status).toBe('restoring');
    await tab.restore();

    expect(tab.getState()).toMatchObject({ status: 'signed-in', claims: { userId: 'ann', role: 'USER' } });
  });

  it('waits for the restore before handing out a token', async () => {
    const { server, store, openTab } = browser();
    store.write(server.signIn('ann').refreshToken);
    const tab = openTab();
    expect(await tab.accessToken()).toMatch(/\./);
    expect(server.exchanges).toHaveLength(1);
  });

  it('keeps restoring through a dropped connection, keeping the refresh token', async () => {
    const { server, store, openTab } = browser();
    store.write(server.signIn('ann').refreshToken);
    server.failNext = true;

    const tab = openTab();
    await tab.restore();

    expect(tab.getState().status).toBe('signed-in');
  });

  it('never presents a used refresh token, however many tabs and callers refresh at once', async () => {
    const { server, store, openTab } = browser();
    store.write(server.signIn('ann').refreshToken);
    const tabs = [openTab(), openTab(), openTab()];

    const tokens = await Promise.all(tabs.flatMap((tab) => [tab.accessToken(), tab.accessToken(), tab.refresh(), tab.accessToken()]));
    await settle();
    await Promise.all(tabs.map((tab) => tab.refresh('stale')));

    expect(tokens.every(Boolean)).toBe(true);
    expect(server.reuseDetected).toBe(0);
    expect(server.isRevoked(store.value!)).toBe(false);
    expect(tabs.map((tab) => tab.getState().status)).toEqual(['signed-in', 'signed-in', 'signed-in']);
  });

  it('refreshes ahead of expiry, so a request never carries a dying token', async () => {
    let now = Date.now();
    const { server, openTab } = browser({ now: () => now });
    const tab = openTab();
    const pair = server.signIn();
    await tab.signIn(pair);

    expect(await tab.accessToken()).toBe(pair.accessToken);
    now += 15 * 60_000 - EXPIRY_MARGIN_MS + 1_000;
    const next = await tab.accessToken();

    expect(next).not.toBe(pair.accessToken);
    expect(server.exchanges).toEqual([pair.refreshToken]);
  });

  it('signs every tab in when one signs in, with the same access token', async () => {
    const { server, store, openTab } = browser();
    const [a, b] = [openTab(), openTab()];
    const pair = server.signIn('ann');

    await a.signIn(pair);
    await settle();

    expect(store.value).toBe(pair.refreshToken);
    expect(b.getState()).toMatchObject({ status: 'signed-in', accessToken: pair.accessToken });
  });

  it('signs every tab out when one signs out, and ends the session on the server', async () => {
    const { server, store, openTab } = browser();
    const [a, b] = [openTab(), openTab()];
    const pair = server.signIn('ann');
    await a.signIn(pair);
    await settle();

    await b.signOut();
    await settle();

    expect(store.value).toBeNull();
    expect(server.isRevoked(pair.refreshToken)).toBe(true);
    expect([a.getState(), b.getState()]).toEqual([{ status: 'signed-out' }, { status: 'signed-out' }]);
    expect(await a.accessToken()).toBeUndefined();
  });

  it('signs every tab out when the server has ended the session', async () => {
    const { server, store, openTab } = browser();
    const [a, b] = [openTab(), openTab()];
    await a.signIn(server.signIn('ann'));
    await settle();
    await server.logout(store.value!); // e.g. reuse detected elsewhere, or signed out on another device

    const held = a.getState();
    expect(await a.refresh(held.status === 'signed-in' ? held.accessToken : undefined)).toBeUndefined();
    await settle();

    expect(store.value).toBeNull();
    expect([a.getState().status, b.getState().status]).toEqual(['signed-out', 'signed-out']);
  });
});
