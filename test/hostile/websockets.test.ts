import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';
import { connectRedisCache, type Cache } from '@sbor/cache';
import { createLogger } from '@sbor/core';
import { startTestPlatform, type TestPlatform } from '@sbor/platform';
import { loadRouterConfig, startRouter, type RunningRouter } from '@sbor/router';
import { sleep, waitFor } from '@sbor/testing';
import { actorsOn, type Actor } from '../e2e/support/actors.js';
import { metricOf } from '../e2e/support/live.js';

/**
 * The websocket limits (README, "Live notifications"), each pushed past: a router of its own with
 * small caps in front of a full-mode platform. Every refusal is a documented close code or a coded
 * GraphQL error, and comes before the socket costs more than the cap allows.
 */
const CAPS = {
  BODY_LIMIT: '16kb',
  WS_MAX_SOCKETS_PER_USER: '2',
  WS_MAX_SOCKETS_PER_IP: '6',
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '2',
  WS_INIT_TIMEOUT_MS: '500',
  WS_MAX_BUFFERED_BYTES: '65536',
};
const CACHE_PREFIX = `sbor-hostile-ws-${randomUUID()}:`;

let platform: TestPlatform;
let router: RunningRouter;
let redis: Cache;
let api: ReturnType<typeof actorsOn>;
const open: WebSocket[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('full', { CACHE_PREFIX });
  api = actorsOn(platform);
  redis = await connectRedisCache(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: CACHE_PREFIX });
  router = await startRouter({
    ...loadRouterConfig(CAPS),
    port: 0,
    host: '127.0.0.1',
    nodeEnv: 'test',
    logger: createLogger('router', 'silent'),
    routerSecret: platform.routerSecret,
    jwksUrl: new URL('/.well-known/jwks.json', platform.subgraphUrls.users).toString(),
    issuer: DEFAULT_ISSUER,
    audience: DEFAULT_AUDIENCE,
    subgraphUrls: platform.subgraphUrls,
    webAppDir: false,
  });
});
afterAll(async () => {
  for (const socket of open) socket.terminate();
  await router?.stop();
  await redis?.close();
  await platform?.stop();
});

interface Socket {
  socket: WebSocket;
  messages: { id?: string; type: string; payload?: unknown }[];
  /** Resolves with the close code once the server closed the socket. */
  closed: Promise<number>;
}

/** A graphql-transport-ws socket to `url`; sends `connection_init` with `params` unless told not to. */
async function connect(params: Record<string, unknown> | undefined, url = router.url.replace(/^http/, 'ws')): Promise<Socket> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  open.push(socket);
  const messages: Socket['messages'] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as Socket['messages'][number]));
  socket.on('error', () => {});
  await new Promise<void>((resolve) => {
    socket.once('open', () => resolve());
    socket.once('close', () => resolve());
  });
  if (params && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'connection_init', payload: params }));
  return { socket, messages, closed };
}

const bearer = (who: Actor) => ({ authorization: `Bearer ${who.token}` });
const acked = (s: Socket) => waitFor(() => s.messages.some((m) => m.type === 'connection_ack'), 5_000, 'the ack');
const closeAll = async (sockets: Socket[]) => {
  for (const s of sockets) s.socket.close();
  await Promise.all(sockets.map((s) => s.closed));
  // The server counts a socket out when its close handshake is done.
  await sleep(100);
};

describe('websocket caps at the router', () => {
  it('closes a socket past the cap per user with 4029, and lets one in again once another closed', async () => {
    const who = await api.signUp('Tabs');
    const [first, second] = [await connect(bearer(who)), await connect(bearer(who))];
    await acked(first);
    await acked(second);
    const third = await connect(bearer(who));
    expect(await third.closed).toBe(4029);
    await closeAll([first]);
    const again = await connect(bearer(who));
    await acked(again);
    await closeAll([second, again]);
  });

  it('closes a socket past the cap per address with 4029 before reading anything from it', async () => {
    const sockets = await Promise.all(Array.from({ length: 6 }, () => connect(undefined)));
    const seventh = await connect(undefined);
    expect(await seventh.closed).toBe(4029);
    await closeAll(sockets);
  });

  it('closes a socket that sends no connection_init in time with 4408', async () => {
    const idle = await connect(undefined);
    const started = performance.now();
    expect(await idle.closed).toBe(4408);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a subscription past the cap per socket with RATE_LIMITED, keeping the socket and the others', async () => {
    const s = await connect(bearer(await api.signUp('Greedy')));
    await acked(s);
    for (const id of ['1', '2', '3']) {
      s.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { notificationAdded { id } }' } }));
    }
    await waitFor(() => s.messages.some((m) => m.id === '3'), 5_000, 'the refusal');
    expect(s.messages.find((m) => m.id === '3')).toEqual({
      id: '3',
      type: 'error',
      payload: [expect.objectContaining({ extensions: { code: 'RATE_LIMITED', reason: 'MAX_SUBSCRIPTIONS_PER_SOCKET' } })],
    });
    expect(s.socket.readyState).toBe(WebSocket.OPEN);
    await closeAll([s]);
  });
});

/**
 * Opens a websocket by hand and sends only the header of a frame that claims `length` bytes:
 * answers the close code the server sends back and how long it took.
 */
async function oversizedFrame(url: string, length: number): Promise<{ code: number; ms: number }> {
  const target = new URL(url);
  const socket = net.connect(Number(target.port), target.hostname);
  socket.on('error', () => {});
  let received = Buffer.alloc(0);
  const upgraded = new Promise<void>((resolve) =>
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.includes('\r\n\r\n')) resolve();
    }),
  );
  socket.write(
    `GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${Buffer.from(randomUUID().slice(0, 16)).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
      `Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
  );
  await upgraded;
  expect(received.toString('latin1')).toMatch(/^HTTP\/1.1 101/);
  received = received.subarray(received.indexOf('\r\n\r\n') + 4);
  const started = performance.now();
  // A masked text frame with a 64-bit length, and a few bytes of it: the rest never comes.
  const header = Buffer.alloc(14);
  header[0] = 0x81;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  socket.write(Buffer.concat([header, Buffer.from('{"type":')]));
  await waitFor(() => received.length >= 4, 5_000, 'a close frame');
  socket.destroy();
  // A close frame: opcode 0x8, then the status code in its first two payload bytes.
  expect(received[0]! & 0x0f).toBe(0x8);
  return { code: received.readUInt16BE(2), ms: performance.now() - started };
}

describe('websocket frames over the size limit', () => {
  it('the router refuses a frame over its HTTP body limit from its header, without waiting for the rest (1009)', async () => {
    const { code, ms } = await oversizedFrame(router.url, 10 << 20);
    expect(code).toBe(1009);
    expect(ms).toBeLessThan(1_000);
  });

  it('the notifications subgraph does the same at its own limit', async () => {
    const { code } = await oversizedFrame(platform.subgraphUrls.notifications, 10 << 20);
    expect(code).toBe(1009);
  });
});

describe('a client that stops reading', () => {
  it('is closed with 4008 once what waits for it passes the limit, instead of being buffered for without end', async () => {
    const who = await api.signUp('Sloth');
    const s = await connect(bearer(who));
    await acked(s);
    const subscriptions = () => metricOf(platform.subgraphUrls.notifications, 'sbor_websocket_subscriptions_open');
    const before = await subscriptions();
    s.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { notificationAdded { id body } }' } }));
    await waitFor(async () => (await subscriptions()) > before, 5_000, 'the upstream subscription');
    s.socket.pause();

    // Far more than socket buffers hold, straight onto the user's live channel.
    const flood = 1_000;
    const body = 'x'.repeat(16 << 10);
    for (let seq = 1; seq <= flood; seq++) {
      const notification = {
        id: randomUUID(),
        userId: who.id,
        type: 'ORDER_PAID',
        title: 'Flood',
        body,
        read: false,
        createdAt: new Date().toISOString(),
        eventId: null,
        ticketId: null,
        seq,
      };
      await redis.publish(`notifications:${who.id}`, JSON.stringify(notification));
    }
    await sleep(1_000);
    s.socket.resume();
    expect(await s.closed).toBe(4008);
    const delivered = s.messages.filter((m) => m.type === 'next').length;
    console.info(`[hostile] slow consumer cut off with 4008 after ${delivered} of ${flood} messages of 16 KiB`);
    expect(delivered).toBeLessThan(flood);
  });
});
