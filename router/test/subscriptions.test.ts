import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { loadRouterConfig } from '../src/config.js';
import { startRouter, type RunningRouter } from '../src/router.js';
import { startTokenIssuer, type TokenIssuer } from '@sbor/testing';
import { startLiveSubgraphs, type FakeNotification, type LiveSubgraphs } from './support/live-subgraphs.js';

const ROUTER_SECRET = 'router-secret-for-tests-0123456789';
let issuer: TokenIssuer;
let subgraphs: LiveSubgraphs;
let router: RunningRouter;
let wsUrl: string;

beforeAll(async () => {
  issuer = await startTokenIssuer();
  subgraphs = await startLiveSubgraphs(ROUTER_SECRET, issuer.verifyToken);
  const config = loadRouterConfig({
    ROUTER_PORT: '0',
    JWKS_URL: issuer.jwksUrl,
    ROUTER_SECRET,
    NOTIFICATIONS_URL: subgraphs.notificationsUrl,
    EVENTS_URL: subgraphs.eventsUrl,
  });
  router = await startRouter({ ...config, logger: createLogger('router-ws-test', 'silent') });
  wsUrl = router.url.replace('http://', 'ws://');
});

afterAll(async () => {
  await router?.stop();
  await subgraphs?.stop();
  await issuer?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `read()` passes `check`, for at most 3 s; answers the last value read. */
async function until<T>(read: () => T, check: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 300 && !check(read()); i++) await sleep(10);
  return read();
}

/** Opens a raw graphql-transport-ws socket, sends connection_init and reports how it ends. */
function connect(payload: Record<string, unknown>): Promise<{ acked: boolean; closeCode?: number; socket: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.addEventListener('message', ({ data }) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve({ acked: true, socket });
    });
    socket.addEventListener('close', ({ code }) => resolve({ acked: false, closeCode: code, socket }));
  });
}

/** The errors `notificationAdded` is refused with on `client`'s socket (empty if it was not). */
async function refusalOf(client: Client): Promise<unknown[]> {
  const errors = await new Promise<unknown[]>((resolve) => {
    client.subscribe(
      { query: 'subscription { notificationAdded { id } }' },
      {
        // The router relays the subgraph's refusal as a result with errors, then completes.
        next: (result) => resolve([...(result.errors ?? [])]),
        error: (e) => resolve(e as unknown[]),
        complete: () => resolve([]),
      },
    );
  });
  await client.dispose();
  return errors;
}

const clientFor = (token: string): Client =>
  createClient({ url: wsUrl, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });

describe('graphql-ws on /graphql', () => {
  it('acknowledges a socket without a token as anonymous, and refuses it notificationAdded with UNAUTHENTICATED', async () => {
    expect(await connect({})).toMatchObject({ acked: true });
    expect(await refusalOf(createClient({ url: wsUrl, retryAttempts: 0 }))).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    ]);
  });

  it('closes a socket with a forged token with 4401', async () => {
    const { token } = await issuer.sign({ keys: issuer.strangerKeys });
    expect(await connect({ authorization: `Bearer ${token}` })).toMatchObject({ acked: false, closeCode: 4401 });
  });

  it('does not take the router secret as a way in for a client: such a socket is merely anonymous', async () => {
    const params = { 'router-authorization': ROUTER_SECRET, multiplexed: true };
    expect(await refusalOf(createClient({ url: wsUrl, connectionParams: params, retryAttempts: 0 }))).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    ]);
  });

  it('acknowledges a valid token, then closes with 4401 when it expires', async () => {
    const { token } = await issuer.sign({ expiresIn: '2s' });
    const result = await connect({ authorization: `Bearer ${token}` });
    expect(result.acked).toBe(true);
    const code = await new Promise<number>((resolve) => result.socket.addEventListener('close', (event) => resolve(event.code)));
    expect(code).toBe(4401);
  });

  it('applies the same operation limits as HTTP to a subscribe', async () => {
    const client = clientFor((await issuer.sign()).token);
    // The users schema has no recursive field to go deep with, so exceed the alias limit (same validator).
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ');
    const errors = await new Promise<unknown[]>((resolve) => {
      client.subscribe(
        { query: `query { ${aliases} }` },
        { next: () => {}, error: (e) => resolve(e as unknown[]), complete: () => resolve([]) },
      );
    });
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ reason: 'MAX_ALIASES' }) })]);
    await client.dispose();
  });
});

let sequence = 0;
const notification = (overrides: Partial<FakeNotification> = {}): FakeNotification => ({
  id: `n-${++sequence}`,
  type: 'TICKET_PURCHASED',
  title: 'Your ticket for Jazz Night',
  body: 'See you there.',
  read: false,
  createdAt: '2026-05-01T18:00:00.000Z',
  eventId: 'e-1',
  ticketId: 't-1',
  ...overrides,
});

/** A subscriber through the router, collecting what it receives. */
function live(token: string, query = 'subscription { notificationAdded { id title } }') {
  const client = clientFor(token);
  const received: FormattedExecutionResult[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const complete = client.subscribe<Record<string, unknown>, Record<string, unknown>>(
    { query },
    { next: (r) => received.push(r), error: (e) => errors.push(e), complete: () => (completed = true) },
  );
  return {
    client,
    received,
    errors,
    complete,
    completed: () => completed,
    ids: () => received.map((r) => (r.data?.notificationAdded as { id: string }).id),
  };
}

/** Subscribes through the router, publishes once the subgraph has the subscription, returns the first result. */
async function firstLiveResult(query: string, published: FakeNotification, variables?: Record<string, unknown>) {
  const client = clientFor((await issuer.sign()).token);
  // Earlier tests' subscriptions end asynchronously; start from none so the one published to is ours.
  expect(await until(subgraphs.listeners, (n) => n === 0)).toBe(0);
  const result = new Promise<FormattedExecutionResult>((resolve, reject) => {
    client.subscribe({ query, variables }, { next: resolve, error: reject, complete: () => reject(new Error('completed early')) });
  });
  expect(await until(subgraphs.listeners, (n) => n === 1)).toBe(1);
  subgraphs.publish(published);
  try {
    return await result;
  } finally {
    await client.dispose();
  }
}

describe('Subscription.notificationAdded through the router', () => {
  it('relays a selection the notifications subgraph owns as it streams it, with no read back per item', async () => {
    const item = notification();
    const reads = subgraphs.httpQueries.notifications.length;
    const result = await firstLiveResult(
      `subscription Live($full: Boolean!) { added: notificationAdded { __typename id kind: type title ...Details event { id } } }
       fragment Details on Notification { body @include(if: $full) createdAt }`,
      item,
      { full: true },
    );
    expect(result).toEqual({
      data: {
        added: {
          __typename: 'Notification',
          id: item.id,
          kind: 'TICKET_PURCHASED',
          title: item.title,
          body: item.body,
          createdAt: item.createdAt,
          event: { id: 'e-1' },
        },
      },
    });
    expect(subgraphs.httpQueries.notifications.length).toBe(reads);
  });

  it('resolves event { title } from the events subgraph through _entities, never reading the notification back', async () => {
    const item = notification({ eventId: 'e-7' });
    const reads = subgraphs.httpQueries.notifications.length;
    const result = await firstLiveResult('subscription { notificationAdded { __typename id title event { id title } } }', item);
    expect(result).toEqual({
      data: { notificationAdded: { __typename: 'Notification', id: item.id, title: item.title, event: { id: 'e-7', title: 'Event e-7' } } },
    });
    expect(subgraphs.httpQueries.notifications.length).toBe(reads);
    expect(subgraphs.httpQueries.events.at(-1)).toContain('_entities');
  });

  it('passes on an error of an entity fetch with its code', async () => {
    const item = notification({ eventId: 'gone-1' });
    const result = await firstLiveResult('subscription { notificationAdded { id event { title } } }', item);
    expect(result.data).toEqual({ notificationAdded: { id: item.id, event: null } });
    expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
  });

  it('passes an expected upstream error on with its code and masks an unexpected one, when relaying', async () => {
    const refused = await firstLiveResult('subscription { notificationAdded { id } }', notification({ failWith: 'FORBIDDEN' }));
    expect(refused.errors).toEqual([expect.objectContaining({ message: 'Not yours.', extensions: { code: 'FORBIDDEN' } })]);
    const broken = await firstLiveResult('subscription { notificationAdded { id } }', notification({ failWith: 'UNEXPECTED' }));
    expect(JSON.stringify(broken.errors)).not.toContain('hunter2');
    expect(broken.errors).toEqual([expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
  });

  it('ends the upstream subscription at once when an idle client completes or goes away', async () => {
    expect(await until(subgraphs.listeners, (n) => n === 0)).toBe(0);
    const subscriber = live((await issuer.sign()).token);
    expect(await until(subgraphs.listeners, (n) => n === 1)).toBe(1);
    subscriber.complete();
    expect(await until(subgraphs.listeners, (n) => n === 0)).toBe(0);

    subscriber.client.subscribe(
      { query: 'subscription { notificationAdded { id event { title } } }' },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    expect(await until(subgraphs.listeners, (n) => n === 1)).toBe(1);
    const closed = performance.now();
    await subscriber.client.dispose();
    expect(await until(subgraphs.listeners, (n) => n === 0)).toBe(0);
    expect(performance.now() - closed).toBeLessThan(500);
  });

  it('refuses variables of the wrong type at subscribe, before anything goes upstream', async () => {
    const client = clientFor((await issuer.sign()).token);
    const query = 'subscription ($full: Boolean!) { notificationAdded { id body @include(if: $full) } }';
    const errors = await new Promise<unknown[]>((resolve) => {
      client.subscribe(
        { query, variables: { full: 'yes' } },
        { next: () => {}, error: (e) => resolve(e as unknown[]), complete: () => resolve([]) },
      );
    });
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    await client.dispose();
  });
});

describe('one multiplexed upstream connection per router', () => {
  it("carries every user's subscriptions on one socket, each with its subscriber's own token, and each user gets only their own", async () => {
    expect(await until(subgraphs.listeners, (n) => n === 0)).toBe(0);
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => issuer.sign()));
    const before = subgraphs.subscribers.length;
    const subscribers = users.map(({ token }) => live(token));
    expect(await until(subgraphs.listeners, (n) => n === users.length)).toBe(users.length);
    expect(subgraphs.sockets()).toBe(1);
    expect(
      subgraphs.subscribers
        .slice(before)
        .map((s) => s.userId)
        .sort(),
    ).toEqual(users.map((u) => u.userId).sort());

    const sent = users.map(({ userId }) => [notification({ userId }), notification({ userId })]);
    for (const pair of sent) for (const n of pair) subgraphs.publish(n);
    for (const [i, subscriber] of subscribers.entries()) {
      expect(await until(subscriber.ids, (ids) => ids.length >= 2)).toEqual(sent[i]!.map((n) => n.id));
    }
    await sleep(100);
    for (const [i, subscriber] of subscribers.entries()) expect(subscriber.ids()).toEqual(sent[i]!.map((n) => n.id));
    for (const subscriber of subscribers) await subscriber.client.dispose();
  });

  it('resumes every subscription after the connection drops: what was created in the gap arrives after it, in order, once, to its owner only', async () => {
    expect(await until(subgraphs.listeners, (n) => n === 0)).toBe(0);
    const [ann, bob, cat] = await Promise.all([issuer.sign(), issuer.sign(), issuer.sign()]);
    const subscribers = [ann, bob, cat].map(({ token }) => live(token));
    expect(await until(subgraphs.listeners, (n) => n === 3)).toBe(3);
    // Ann and Bob have received something; Cat resumes from where she subscribed.
    const before = [notification({ userId: ann.userId }), notification({ userId: bob.userId })];
    for (const n of before) subgraphs.publish(n);
    await until(
      () => subscribers[1]!.ids().length,
      (n) => n === 1,
    );

    subgraphs.dropSockets();
    const gap = [ann, bob, cat, ann].map(({ userId }) => notification({ userId }));
    for (const n of gap) subgraphs.store(n);
    expect(await until(subgraphs.sockets, (n) => n === 1)).toBe(1);
    expect(await until(subgraphs.listeners, (n) => n === 3)).toBe(3);
    const after = [ann, cat].map(({ userId }) => notification({ userId }));
    for (const n of after) subgraphs.publish(n);

    const expected = [ann, bob, cat].map(({ userId }) => [...before, ...gap, ...after].filter((n) => n.userId === userId).map((n) => n.id));
    for (const [i, subscriber] of subscribers.entries()) {
      expect(await until(subscriber.ids, (ids) => ids.length >= expected[i]!.length)).toEqual(expected[i]);
    }
    await sleep(200);
    for (const [i, subscriber] of subscribers.entries()) {
      expect(subscriber.ids()).toEqual(expected[i]);
      expect(subscriber.errors).toEqual([]);
    }
    for (const subscriber of subscribers) await subscriber.client.dispose();
  });

  it('sends one events request for the items of many subscribers arriving at the same moment', async () => {
    expect(await until(subgraphs.listeners, (n) => n === 0)).toBe(0);
    const users = await Promise.all(Array.from({ length: 8 }, () => issuer.sign()));
    const subscribers = users.map(({ token }) => live(token, 'subscription { notificationAdded { id event { title } } }'));
    expect(await until(subgraphs.listeners, (n) => n === users.length)).toBe(users.length);
    const requests = subgraphs.httpQueries.events.length;
    // One notification for everyone: each subscriber's item asks for the same event at the same moment.
    subgraphs.publish(notification({ eventId: 'e-shared' }));
    for (const subscriber of subscribers) {
      expect(
        await until(
          () => subscriber.received.length,
          (n) => n === 1,
        ),
      ).toBe(1);
      expect(subscriber.received[0]!.data).toMatchObject({ notificationAdded: { event: { title: 'Event e-shared' } } });
    }
    expect(subgraphs.httpQueries.events.length - requests).toBe(1);
    for (const subscriber of subscribers) await subscriber.client.dispose();
  });
});
