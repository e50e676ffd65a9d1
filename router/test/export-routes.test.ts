import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { loadRouterConfig } from '../src/config.js';
import { RELAY_TIMEOUT_MS } from '../src/relay.js';
import { startRouter, type RunningRouter } from '../src/router.js';

const ROUTER_SECRET = 'router-secret-for-tests-0123456789';

/** One request as the tickets stand-in saw it, and how its answer ended. */
interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
  /** Set when the connection closed before the stand-in ended its answer. */
  cutOff: boolean;
}

/** A node:http server in place of tickets' export routes; each test says how it answers. */
let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;
const seen: Seen[] = [];
let tickets: http.Server;
let router: RunningRouter;
let base: string;

beforeAll(async () => {
  tickets = http.createServer((req, res) => {
    const entry: Seen = { url: req.url ?? '', headers: req.headers, cutOff: false };
    seen.push(entry);
    res.on('close', () => (entry.cutOff = !res.writableFinished));
    void answer(req, res);
  });
  await new Promise<void>((resolve) => tickets.listen(0, '127.0.0.1', resolve));
  const ticketsUrl = `http://127.0.0.1:${(tickets.address() as { port: number }).port}/graphql`;
  const config = loadRouterConfig({
    NODE_ENV: 'test',
    ROUTER_SECRET,
    ROUTER_PORT: '0',
    USERS_URL: ticketsUrl,
    EVENTS_URL: ticketsUrl,
    TICKETS_URL: ticketsUrl,
    NOTIFICATIONS_URL: ticketsUrl,
  });
  router = await startRouter({ ...config, logger: createLogger('router-test', 'silent'), webAppDir: false });
  base = router.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await router?.stop();
  tickets?.closeAllConnections();
  await new Promise<void>((resolve) => (tickets ? tickets.close(() => resolve()) : resolve()));
});

beforeEach(() => {
  seen.length = 0;
  answer = (_req, res) => void res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end('a,b\r\n');
});

const eventId = randomUUID();
const csvHeaders = {
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="sbor-event-${eventId}-orders.csv"`,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A GET through the router with node:http, so a test can stop reading, or leave, mid-download. */
function download(path: string, headers: http.OutgoingHttpHeaders = {}) {
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: router.port, path, headers }, resolve).on('error', reject);
  });
}

describe('GET /exports/events/:id/{orders,attendees}.csv', () => {
  it("relays the file with its download headers, passing on the caller's token and the router secret", async () => {
    answer = (_req, res) =>
      void res
        .writeHead(200, { ...csvHeaders, 'set-cookie': 'internal=1', 'x-internal': 'tickets-7f' })
        .end('\uFEFForder_number\r\nSB-1\r\n');
    for (const kind of ['orders', 'attendees']) {
      const response = await fetch(`${base}/exports/events/${eventId}/${kind}.csv?x=1`, {
        headers: { authorization: 'Bearer organizer-token', cookie: 'session=abc', 'x-request-id': 'req-42' },
      });
      expect(response.status).toBe(200);
      // Bytes, not text(): a text decoder would drop the byte-order mark that Excel needs.
      expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe('\uFEFForder_number\r\nSB-1\r\n');
      for (const [name, value] of Object.entries(csvHeaders)) expect(response.headers.get(name)).toBe(value);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(response.headers.get('x-internal')).toBeNull();
    }
    expect(seen.map((s) => s.url)).toEqual([`/exports/events/${eventId}/orders.csv`, `/exports/events/${eventId}/attendees.csv`]);
    const sent = seen[0]!.headers;
    expect(sent.authorization).toBe('Bearer organizer-token');
    expect(sent['router-authorization']).toBe(ROUTER_SECRET);
    expect(sent['x-request-id']).toBe('req-42');
    expect(sent.cookie).toBeUndefined();
  });

  it("passes tickets' refusals on as they are: 401, 404, and 503 with retry-after", async () => {
    const refusals = [
      { status: 401, body: { error: 'UNAUTHENTICATED' } },
      { status: 404, body: { error: 'NOT_FOUND' } },
      { status: 503, body: { error: 'SERVICE_UNAVAILABLE' }, headers: { 'retry-after': '5' } },
    ];
    for (const refusal of refusals) {
      answer = (_req, res) =>
        void res.writeHead(refusal.status, { 'content-type': 'application/json', ...refusal.headers }).end(JSON.stringify(refusal.body));
      const response = await fetch(`${base}/exports/events/${eventId}/orders.csv`);
      expect(response.status).toBe(refusal.status);
      expect(await response.json()).toEqual(refusal.body);
      expect(response.headers.get('retry-after')).toBe(refusal.headers?.['retry-after'] ?? null);
    }
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it('answers 404 without calling tickets when the event id is not a UUID, and 405 to anything but GET', async () => {
    for (const id of ['not-a-uuid', `${eventId}x`, '..%2F..%2Fgraphql']) {
      expect((await fetch(`${base}/exports/events/${id}/orders.csv`)).status).toBe(404);
    }
    const post = await fetch(`${base}/exports/events/${eventId}/orders.csv`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(seen).toHaveLength(0);
  });

  it('answers 503 when tickets drops the connection before answering', async () => {
    answer = (req) => void req.socket.destroy();
    const response = await fetch(`${base}/exports/events/${eventId}/orders.csv`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'SERVICE_UNAVAILABLE' });
  });
});

describe('export streaming', () => {
  it('hands over rows as tickets sends them, with no total deadline like the public relay has', async () => {
    let sendRest!: () => void;
    const rest = new Promise<void>((resolve) => (sendRest = resolve));
    answer = async (_req, res) => {
      res.writeHead(200, csvHeaders).write('order_number\r\n');
      await rest;
      res.end('SB-1\r\n');
    };
    const response = await download(`/exports/events/${eventId}/orders.csv`);
    const [first] = (await once(response, 'data')) as [Buffer];
    // The header row arrived while tickets still held the rest back: nothing waits for the whole body.
    expect(first.toString()).toBe('order_number\r\n');
    await sleep(RELAY_TIMEOUT_MS + 500);
    sendRest();
    const chunks: Buffer[] = [first];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('order_number\r\nSB-1\r\n');
  });

  it('reads from tickets only as fast as the caller takes the file (backpressure), then delivers all of it', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const total = 1600; // 100 MiB
    let written = 0;
    answer = async (_req, res) => {
      res.writeHead(200, csvHeaders);
      while (written < total) {
        written++;
        if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
        if (res.destroyed) return;
      }
      res.end();
    };
    const response = await download(`/exports/events/${eventId}/orders.csv`);
    response.pause();
    await sleep(1_500);
    // Socket buffers on both hops hold a few MiB at most; a relay that buffered would have taken all 100.
    const writtenWhilePaused = written * chunk.length;
    expect(writtenWhilePaused).toBeLessThan(40 * 1024 * 1024);
    let received = 0;
    response.on('data', (data: Buffer) => (received += data.length));
    response.resume();
    await once(response, 'end');
    expect(received).toBe(total * chunk.length);
  });

  it('stops the download at tickets when the caller leaves', async () => {
    answer = async (_req, res) => {
      res.writeHead(200, csvHeaders);
      while (!res.destroyed) {
        if (!res.write(Buffer.alloc(64 * 1024, 'y'))) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
    };
    const response = await download(`/exports/events/${eventId}/attendees.csv`);
    await once(response, 'data');
    response.destroy();
    await expect.poll(() => seen[0]?.cutOff, { timeout: 10_000 }).toBe(true);
  });

  it('makes a download that tickets breaks off fail, never end as if the file were whole', async () => {
    answer = async (_req, res) => {
      res.writeHead(200, csvHeaders).write('order_number\r\nSB-1\r\n');
      await sleep(100);
      res.socket?.destroy();
    };
    const response = await fetch(`${base}/exports/events/${eventId}/orders.csv`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });
});
