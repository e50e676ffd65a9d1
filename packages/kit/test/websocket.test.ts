import { EventEmitter } from 'node:events';
import http from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AsyncQueue, createLogger, createServiceMetrics, DEFAULT_WEBSOCKET_LIMITS, type Viewer } from '@sbor/core';
import { serveGraphqlWs } from '../src/websocket.js';

/**
 * The subgraph side of the websocket limits, on a one-field schema: the same caps as the router's
 * (sockets per user and per address, `connection_init` timeout, send budget), with the router's
 * multiplexed socket counted for no user and exempt from the budget.
 */
const SECRET = 'kit-websocket-secret-0123456789';
const feed = new EventEmitter();
feed.setMaxListeners(0);
const schema = buildSubgraphSchema([
  {
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { ping: Boolean }
      type Subscription { blob: String! }
    `),
    resolvers: {
      Subscription: {
        blob: {
          subscribe: () => {
            const queue = new AsyncQueue<string>(() => void feed.off('blob', push));
            const push = (blob: string) => queue.push(blob);
            feed.on('blob', push);
            return queue;
          },
          resolve: (blob: string) => blob,
        },
      },
    } as never,
  },
]);

let server: http.Server;
let url: string;
let ws: { close: () => Promise<void> };
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = http.createServer();
  ws = serveGraphqlWs({
    httpServer: server,
    schema,
    logger: createLogger('kit-ws-test', 'silent'),
    routerSecret: SECRET,
    // A token is the user id it names: the caps are under test here, not the signatures.
    verify: async (token): Promise<Viewer> => ({ userId: token, role: 'USER', tokenId: token }),
    context: (viewer) => ({ viewer }),
    metrics: createServiceMetrics('kit-ws-test'),
    limits: { ...DEFAULT_WEBSOCKET_LIMITS, maxSocketsPerUser: 2, maxSocketsPerIp: 5, initTimeoutMs: 300, maxBufferedBytes: 64 << 10 },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await ws.close();
  await new Promise((resolve) => server.close(resolve));
});

async function connect(params?: Record<string, unknown>) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  sockets.push(socket);
  const messages: { type: string; id?: string }[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  await new Promise<void>((resolve) => {
    socket.once('open', () => resolve());
    socket.once('close', () => resolve());
  });
  if (params && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'connection_init', payload: params }));
  const acked = () =>
    new Promise<boolean>((resolve) => {
      const check = setInterval(() => {
        if (messages.some((m) => m.type === 'connection_ack') || socket.readyState !== WebSocket.OPEN) {
          clearInterval(check);
          resolve(messages.some((m) => m.type === 'connection_ack'));
        }
      }, 10);
    });
  return { socket, messages, closed, acked };
}

const user = (id: string) => ({ 'router-authorization': SECRET, authorization: `Bearer ${id}` });
const router = { 'router-authorization': SECRET, multiplexed: true };
const closeAll = async (list: Awaited<ReturnType<typeof connect>>[]) => {
  for (const s of list) s.socket.close();
  await Promise.all(list.map((s) => s.closed));
  await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('serveGraphqlWs limits', () => {
  it("closes a user's socket past the cap per user with 4029; the router's multiplexed sockets count for no user", async () => {
    const [a, b] = [await connect(user('ann')), await connect(user('ann'))];
    expect([await a.acked(), await b.acked()]).toEqual([true, true]);
    const third = await connect(user('ann'));
    expect(await third.closed).toBe(4029);
    const multiplexed = await connect(router);
    expect(await multiplexed.acked()).toBe(true);
    await closeAll([a, b, multiplexed]);
  });

  it('closes a socket past the cap per address with 4029', async () => {
    const open = await Promise.all(Array.from({ length: 5 }, () => connect()));
    const sixth = await connect();
    expect(await sixth.closed).toBe(4029);
    await closeAll(open);
  });

  it('closes a socket without connection_init in time with 4408', async () => {
    const idle = await connect();
    expect(await idle.closed).toBe(4408);
  });

  it("closes a user's socket that stops reading with 4008, and keeps buffering for the router's multiplexed one", async () => {
    const slow = await connect(user('sloth'));
    const multiplexed = await connect(router);
    expect([await slow.acked(), await multiplexed.acked()]).toEqual([true, true]);
    const subscribe = (socket: WebSocket, extensions?: Record<string, unknown>) =>
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { blob }', extensions } }));
    subscribe(slow.socket);
    subscribe(multiplexed.socket, { authorization: 'Bearer router-user' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    slow.socket.pause();
    multiplexed.socket.pause();
    const blob = 'x'.repeat(16 << 10);
    for (let i = 0; i < 1_000; i++) feed.emit('blob', blob);
    await new Promise((resolve) => setTimeout(resolve, 500));
    slow.socket.resume();
    expect(await slow.closed).toBe(4008);
    multiplexed.socket.resume();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(multiplexed.messages.filter((m) => m.type === 'next')).toHaveLength(1_000);
    expect(multiplexed.socket.readyState).toBe(WebSocket.OPEN);
    await closeAll([multiplexed]);
  });
});
