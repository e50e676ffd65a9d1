import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { sleep, waitFor } from '@sbor/testing';
import { liveChannel } from '../src/domain/live.js';
import { facts, redisUrl, ROUTER_SECRET, startHarness, type Harness } from './support.js';

let h: Harness;
const clients: Client[] = [];
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await h?.stop();
});

const wsUrl = () => h.server.url.replace(/^http/, 'ws');

interface Added {
  notificationAdded: { id: string; type: string; title: string; event: { id: string } | null; ticket: { id: string } | null };
}

/** A router-like graphql-ws client; `closed` resolves with the close code if the server closes it. */
function connect(params: Record<string, unknown>) {
  let resolveClosed: (code: number) => void;
  const closed = new Promise<number>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url: wsUrl(),
    connectionParams: params,
    lazy: false,
    retryAttempts: 0,
    on: { closed: (event) => resolveClosed((event as { code: number }).code) },
    onNonLazyError: () => {},
  });
  clients.push(client);
  return { client, closed };
}

function subscribe(client: Client) {
  const received: { at: number; data: Added['notificationAdded'] }[] = [];
  const errors: unknown[] = [];
  client.subscribe<Added>(
    { query: 'subscription { notificationAdded { id type title event { id } ticket { id } } }' },
    {
      next: (r) => r.data && received.push({ at: Date.now(), data: r.data.notificationAdded }),
      error: (e) => errors.push(e),
      complete: () => {},
    },
  );
  return { received, errors };
}

const routerParams = async (userId: string) => ({
  'router-authorization': ROUTER_SECRET,
  authorization: `Bearer ${await h.token(userId)}`,
});

describe('notifications subgraph over HTTP', () => {
  it('answers only requests that carry the router secret', async () => {
    const response = await fetch(h.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ unreadCount }"}',
    });
    expect(response.status).toBe(401);
  });

  it('asks for sign-in on own-only fields', async () => {
    const answer = await h.gql('{ unreadCount }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("keeps a user's notification from everyone else: null, NOT_FOUND, and null from _entities", async () => {
    const [ann, bob] = [randomUUID(), randomUUID()];
    const [annToken, bobToken] = [await h.token(ann), await h.token(bob)];
    const order = facts.orderPaid({ buyer_id: ann });
    await h.publish('order.paid', order);
    const page = await waitFor(
      async () => {
        const r = await h.gql<{ notifications: { edges: { node: { id: string; event: { id: string }; ticket: { id: string } } }[] } }>(
          '{ notifications { edges { node { id event { id } ticket { id } } } } }',
          {},
          annToken,
        );
        return r.data?.notifications.edges.length ? r.data.notifications.edges : undefined;
      },
      15_000,
      "ann's notification",
    );
    const id = page[0]!.node.id;
    expect(page[0]!.node).toEqual({ id, event: { id: order.event_id }, ticket: { id: order.ticket_ids[0] } });

    expect((await h.gql('query($id: ID!) { notification(id: $id) { id } }', { id }, bobToken)).data).toEqual({ notification: null });
    const steal = await h.gql('mutation($id: ID!) { markNotificationRead(id: $id) { id } }', { id }, bobToken);
    expect(steal.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const entities = '_entities(representations: $r) { ... on Notification { id title } }';
    const query = `query($r: [_Any!]!) { ${entities} }`;
    const representations = { r: [{ __typename: 'Notification', id }] };
    expect((await h.gql(query, representations, bobToken)).data).toEqual({ _entities: [null] });
    expect((await h.gql<{ _entities: { id: string }[] }>(query, representations, annToken)).data?._entities[0]?.id).toBe(id);
  });

  it('pages newest first with cursors and refuses a forged cursor', async () => {
    const userId = randomUUID();
    const token = await h.token(userId);
    for (let i = 0; i < 3; i++) await h.publish('order.paid', facts.orderPaid({ buyer_id: userId }));
    await waitFor(
      async () => (await h.gql<{ unreadCount: number }>('{ unreadCount }', {}, token)).data?.unreadCount === 3,
      15_000,
      'three',
    );
    type Page = {
      notifications: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    };
    const q =
      'query($after: String) { notifications(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }';
    const first = (await h.gql<Page>(q, {}, token)).data!.notifications;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await h.gql<Page>(q, { after: first.pageInfo.endCursor }, token)).data!.notifications;
    expect(second.edges).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const all = [...first.edges, ...second.edges].map((e) => e.node.id);
    expect(new Set(all).size).toBe(3);
    expect((await h.gql(q, { after: 'forged' }, token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('returns defaults, then saved preferences', async () => {
    const token = await h.token(randomUUID());
    const q = '{ notificationPreferences { email push inApp mutedTypes } }';
    expect((await h.gql(q, {}, token)).data).toEqual({
      notificationPreferences: { email: true, push: false, inApp: true, mutedTypes: [] },
    });
    await h.gql('mutation { updateNotificationPreferences(input: { push: true, mutedTypes: [EVENT_REMINDER] }) { push } }', {}, token);
    expect((await h.gql(q, {}, token)).data).toEqual({
      notificationPreferences: { email: true, push: true, inApp: true, mutedTypes: ['EVENT_REMINDER'] },
    });
  });
});

describe('notificationAdded over graphql-ws', () => {
  it("delivers each user's own new notifications within a second of the fact, and never someone else's", async () => {
    const [ann, bob] = [randomUUID(), randomUUID()];
    const a = subscribe(connect(await routerParams(ann)).client);
    const b = subscribe(connect(await routerParams(bob)).client);
    await sleep(500);

    const order = facts.orderPaid({ buyer_id: ann });
    const sentAt = Date.now();
    await h.publish('order.paid', order);
    await waitFor(() => a.received.length > 0, 5_000, "ann's live notification");
    expect(a.received[0]!.at - sentAt).toBeLessThan(1_000);
    expect(a.received[0]!.data).toMatchObject({
      type: 'ORDER_PAID',
      event: { id: order.event_id },
      ticket: { id: order.ticket_ids[0] },
    });

    await h.publish('order.paid', facts.orderPaid({ buyer_id: bob }));
    await waitFor(() => b.received.length > 0, 5_000, "bob's live notification");
    await sleep(300);
    expect(a.received).toHaveLength(1);
    expect(b.received).toHaveLength(1);
    expect(a.errors).toEqual([]);
  });

  it('unsubscribes from the pub/sub channel when the socket closes', async () => {
    const userId = randomUUID();
    const { client } = connect(await routerParams(userId));
    subscribe(client);
    const redis = new Redis(redisUrl);
    const subscribers = async () => {
      const [, count] = (await redis.pubsub('NUMSUB', h.keyPrefix + liveChannel(userId))) as [string, number];
      return Number(count);
    };
    try {
      await waitFor(async () => (await subscribers()) === 1, 5_000, 'the channel subscription');
      await client.dispose();
      await waitFor(async () => (await subscribers()) === 0, 5_000, 'the unsubscribe');
    } finally {
      redis.disconnect();
    }
  });

  it('refuses a connection without the router secret with 4403', async () => {
    const { closed } = connect({ 'router-authorization': 'wrong', authorization: `Bearer ${await h.token(randomUUID())}` });
    expect(await closed).toBe(4403);
  });

  it('refuses a bad or missing token with 4401', async () => {
    expect(await connect({ 'router-authorization': ROUTER_SECRET, authorization: 'Bearer not-a-token' }).closed).toBe(4401);
    expect(await connect({ 'router-authorization': ROUTER_SECRET }).closed).toBe(4401);
  });

  it('closes with 4401 for an expired token, and when the token expires while connected', async () => {
    const userId = randomUUID();
    const past = Math.floor(Date.now() / 1000) - 60;
    expect(await connect({ 'router-authorization': ROUTER_SECRET, authorization: `Bearer ${await h.token(userId, past)}` }).closed).toBe(
      4401,
    );

    const soon = Math.floor(Date.now() / 1000) + 2;
    const live = connect({ 'router-authorization': ROUTER_SECRET, authorization: `Bearer ${await h.token(userId, soon)}` });
    const started = Date.now();
    expect(await live.closed).toBe(4401);
    expect(Date.now() - started).toBeGreaterThan(500);
  });
});
