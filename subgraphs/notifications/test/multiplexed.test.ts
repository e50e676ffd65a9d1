import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, waitFor } from '@sbor/testing';
import { facts, ROUTER_SECRET, startHarness, type Harness } from './support.js';

/**
 * The router's multiplexed connection to notifications, spoken by hand: one socket with the router
 * secret alone, every subscription naming its subscriber by token and resuming by cursor.
 */
let h: Harness;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  h = await startHarness({ WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '2' });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await h?.stop();
});

type Message = {
  id?: string;
  type: string;
  payload?: { data?: { notificationAdded?: { id: string } }; errors?: unknown[]; extensions?: { cursor?: string } };
};

/** A raw graphql-transport-ws socket; `messages(id)` is what arrived for one subscription. */
async function multiplexed(params: Record<string, unknown> = { 'router-authorization': ROUTER_SECRET, multiplexed: true }) {
  const socket = new WebSocket(h.server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  sockets.push(socket);
  const received: Message[] = [];
  let closeCode: number | undefined;
  socket.addEventListener('message', ({ data }) => received.push(JSON.parse(String(data)) as Message));
  socket.addEventListener('close', ({ code }) => (closeCode = code));
  await new Promise((resolve) => socket.addEventListener('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: params }));
  await waitFor(() => received.some((m) => m.type === 'connection_ack') || closeCode !== undefined, 5_000, 'the ack');
  return {
    acked: received.some((m) => m.type === 'connection_ack'),
    closeCode: () => closeCode,
    subscribe: (id: string, extensions: Record<string, unknown>) =>
      socket.send(
        JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { notificationAdded { id title } }', extensions } }),
      ),
    complete: (id: string) => socket.send(JSON.stringify({ id, type: 'complete' })),
    messages: (id: string) => received.filter((m) => m.id === id),
    items: (id: string) => received.filter((m) => m.id === id && m.payload?.data).map((m) => m.payload!.data!.notificationAdded!.id),
  };
}

const bearer = async (userId: string, expiresIn?: number) => `Bearer ${await h.token(userId, expiresIn)}`;

/** Creates one notification for `userId` through a fact, and waits until it is stored; answers its id. */
async function notify(userId: string, token: string): Promise<string> {
  const before = await ids(token);
  await h.publish('order.paid', facts.orderPaid({ buyer_id: userId }));
  const after = await waitFor(async () => ((await ids(token)).length > before.length ? ids(token) : undefined), 15_000, 'the notification');
  return after.find((id) => !before.includes(id))!;
}

async function ids(token: string): Promise<string[]> {
  const page = await h.gql<{ notifications: { edges: { node: { id: string } }[] } }>(
    '{ notifications(first: 100) { edges { node { id } } } }',
    {},
    token,
  );
  return page.data!.notifications.edges.map((e) => e.node.id).reverse();
}

describe("the router's multiplexed connection", () => {
  it("carries many users' subscriptions, each seeing only its own subscriber's notifications", async () => {
    const socket = await multiplexed();
    expect(socket.acked).toBe(true);
    const [ann, bob] = [randomUUID(), randomUUID()];
    socket.subscribe('a', { authorization: await bearer(ann) });
    socket.subscribe('b', { authorization: await bearer(bob) });
    await waitFor(() => socket.messages('a').length > 0 && socket.messages('b').length > 0, 5_000, 'the positions');
    // Each starts with its position: a cursor and nothing else.
    expect(socket.messages('a')[0]!.payload).toEqual({ extensions: { cursor: expect.any(String) } });

    const annsOwn = await notify(ann, (await bearer(ann)).slice(7));
    await waitFor(() => socket.items('a').length === 1, 5_000, "ann's item");
    expect(socket.items('a')).toEqual([annsOwn]);
    expect(socket.messages('a').at(-1)!.payload!.extensions!.cursor).toEqual(expect.any(String));
    await sleep(300);
    expect(socket.items('b')).toEqual([]);
  });

  it('refuses a subscription without a valid token on its own, and keeps the others going', async () => {
    const socket = await multiplexed();
    const userId = randomUUID();
    socket.subscribe('ok', { authorization: await bearer(userId) });
    socket.subscribe('none', {});
    socket.subscribe('forged', { authorization: 'Bearer not-a-token' });
    await waitFor(() => socket.messages('none').length > 0 && socket.messages('forged').length > 0, 5_000, 'the refusals');
    for (const id of ['none', 'forged']) {
      expect(socket.messages(id)).toEqual([
        { id, type: 'error', payload: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })] },
      ]);
    }
    const created = await notify(userId, (await bearer(userId)).slice(7));
    await waitFor(() => socket.items('ok').length === 1, 5_000, 'the item');
    expect(socket.items('ok')).toEqual([created]);
    expect(socket.closeCode()).toBeUndefined();
  });

  it('replays what was stored after the cursors it resumes after, in order, then goes live, each once', async () => {
    const userId = randomUUID();
    const token = (await bearer(userId)).slice(7);
    const first = await notify(userId, token);
    const socket = await multiplexed();
    socket.subscribe('s', { authorization: `Bearer ${token}` });
    await waitFor(() => socket.messages('s').length > 0, 5_000, 'the position');
    const position = socket.messages('s')[0]!.payload!.extensions!.cursor!;

    // While nobody listens: two more, then resume after the position.
    socket.complete('s');
    const gap = [await notify(userId, token), await notify(userId, token)];
    socket.subscribe('s2', { authorization: `Bearer ${token}`, resumeAfter: [position] });
    await waitFor(() => socket.items('s2').length === 2, 5_000, 'the replay');
    const live = await notify(userId, token);
    await waitFor(() => socket.items('s2').length === 3, 5_000, 'the live one');
    await sleep(300);
    expect(socket.items('s2')).toEqual([...gap, live]);
    expect(socket.items('s2')).not.toContain(first);
    // Resuming does not announce a position: the subscriber has one.
    expect(socket.messages('s2').every((m) => m.type !== 'next' || m.payload?.data)).toBe(true);
  });

  it('ends a subscription with UNAUTHENTICATED when its token expires, leaving the socket open', async () => {
    const socket = await multiplexed();
    socket.subscribe('short', { authorization: await bearer(randomUUID(), Math.floor(Date.now() / 1000) + 2) });
    await waitFor(() => socket.messages('short').some((m) => m.type === 'complete'), 8_000, 'the end of the subscription');
    const errors = socket.messages('short').flatMap((m) => m.payload?.errors ?? []);
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    expect(socket.closeCode()).toBeUndefined();
  });

  it('is exempt from the cap on subscriptions per socket, which holds for a socket of one user', async () => {
    const socket = await multiplexed();
    for (const id of ['1', '2', '3']) socket.subscribe(id, { authorization: await bearer(randomUUID()) });
    await waitFor(() => ['1', '2', '3'].every((id) => socket.messages(id).length > 0), 5_000, 'three positions');
    expect(['1', '2', '3'].map((id) => socket.messages(id)[0]!.type)).toEqual(['next', 'next', 'next']);

    const userId = randomUUID();
    const own = await multiplexed({ 'router-authorization': ROUTER_SECRET, authorization: await bearer(userId) });
    for (const id of ['1', '2', '3']) own.subscribe(id, {});
    await waitFor(() => own.messages('3').length > 0, 5_000, 'the refusal');
    expect(own.messages('3')[0]).toMatchObject({
      type: 'error',
      payload: [
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', reason: 'MAX_SUBSCRIPTIONS_PER_SOCKET' }) }),
      ],
    });
  });
});
