import type { FormattedExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
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
  subgraphs = await startLiveSubgraphs(ROUTER_SECRET);
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

describe('graphql-ws on /graphql', () => {
  it('closes a socket without a token in connection_init with 4401', async () => {
    expect(await connect({})).toMatchObject({ acked: false, closeCode: 4401 });
  });

  it('closes a socket with a forged token with 4401', async () => {
    const { token } = await issuer.sign({ keys: issuer.strangerKeys });
    expect(await connect({ authorization: `Bearer ${token}` })).toMatchObject({ acked: false, closeCode: 4401 });
  });

  it('acknowledges a valid token, then closes with 4401 when it expires', async () => {
    const { token } = await issuer.sign({ expiresIn: '2s' });
    const result = await connect({ authorization: `Bearer ${token}` });
    expect(result.acked).toBe(true);
    const code = await new Promise<number>((resolve) => result.socket.addEventListener('close', (event) => resolve(event.code)));
    expect(code).toBe(4401);
  });

  it('applies the same operation limits as HTTP to a subscribe', async () => {
    const { token } = await issuer.sign();
    const client = createClient({ url: wsUrl, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
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

/** The number of open upstream subscriptions once it reaches `count`, or after 2 s. */
async function upstreamSubscriptions(count: number) {
  for (let i = 0; i < 200 && subgraphs.listeners() !== count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return subgraphs.listeners();
}

/** Subscribes through the router, publishes once the subgraph has the subscription, returns the first result. */
async function firstLiveResult(query: string, published: FakeNotification, variables?: Record<string, unknown>) {
  const { token } = await issuer.sign();
  const client = createClient({ url: wsUrl, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  // Earlier tests' subscriptions end asynchronously; start from none so the one published to is ours.
  expect(await upstreamSubscriptions(0)).toBe(0);
  const result = new Promise<FormattedExecutionResult>((resolve, reject) => {
    client.subscribe({ query, variables }, { next: resolve, error: reject, complete: () => reject(new Error('completed early')) });
  });
  expect(await upstreamSubscriptions(1)).toBe(1);
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

  it('still resolves event { title } from the events subgraph for a mixed selection', async () => {
    const item = notification({ eventId: 'e-7' });
    const result = await firstLiveResult('subscription { notificationAdded { __typename id title event { id title } } }', item);
    expect(result).toEqual({
      data: { notificationAdded: { __typename: 'Notification', id: item.id, title: item.title, event: { id: 'e-7', title: 'Event e-7' } } },
    });
    expect(subgraphs.httpQueries.notifications.at(-1)).toContain('notification(id:');
  });

  it('passes on an error of the read back through the gateway with its code', async () => {
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

  it('ends the upstream subscription when an idle client completes or goes away', async () => {
    const { token } = await issuer.sign();
    expect(await upstreamSubscriptions(0)).toBe(0);
    const client = createClient({ url: wsUrl, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const complete = client.subscribe(
      { query: 'subscription { notificationAdded { id } }' },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    expect(await upstreamSubscriptions(1)).toBe(1);
    complete();
    expect(await upstreamSubscriptions(0)).toBe(0);

    client.subscribe(
      { query: 'subscription { notificationAdded { id event { title } } }' },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    expect(await upstreamSubscriptions(1)).toBe(1);
    await client.dispose();
    expect(await upstreamSubscriptions(0)).toBe(0);
  });

  it('refuses variables of the wrong type at subscribe, before anything goes upstream', async () => {
    const { token } = await issuer.sign();
    const client = createClient({ url: wsUrl, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
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
