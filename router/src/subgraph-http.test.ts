import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_CONNECTION_MS, subgraphFetch, SubgraphTimeoutError } from './subgraph-http.js';

/**
 * A subgraph that answers the first request on each connection and drops the connection on the
 * next one, as a subgraph does when its idle timeout closes a kept-alive connection the moment
 * the router reuses it (or when it restarted in between).
 */
let server: http.Server;
let url: string;
const requestsPerSocket = new Map<Socket, number>();
let received = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const n = (requestsPerSocket.get(req.socket) ?? 0) + 1;
    requestsPerSocket.set(req.socket, n);
    received++;
    if (req.url === '/slow') return; // never answers
    if (n > 1) {
      req.socket.destroy();
      return;
    }
    req.resume().on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { ok: true } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ok }"}' };

describe('subgraphFetch', () => {
  it('sends a read again on a new connection when its reused one was closed under it', async () => {
    expect(await (await subgraphFetch(`${url}/graphql`, init, 2_000, true)).json()).toEqual({ data: { ok: true } });
    const before = received;
    const again = await subgraphFetch(`${url}/graphql`, init, 2_000, true);
    expect(await again.json()).toEqual({ data: { ok: true } });
    expect(received - before).toBe(2); // the dropped try and the retry
  });

  it('never sends a mutation twice: the failure is the answer', async () => {
    await subgraphFetch(`${url}/graphql`, init, 2_000, true); // leaves a kept-alive connection that served one request
    const before = received;
    await expect(subgraphFetch(`${url}/graphql`, init, 2_000, false)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(received - before).toBe(1);
  });

  it('closes a connection left idle before the subgraph would, so a mutation never meets that race', async () => {
    await subgraphFetch(`${url}/graphql`, init, 2_000, true);
    const open = [...requestsPerSocket.keys()].filter((socket) => !socket.destroyed);
    expect(open.length).toBeGreaterThan(0);
    const closed = new Promise<number>((resolve) => {
      const started = Date.now();
      let left = open.length;
      for (const socket of open) socket.once('close', () => --left === 0 && resolve(Date.now() - started));
    });
    // Node's HTTP server closes idle connections after 5 s (keepAliveTimeout); the router first.
    expect(await closed).toBeLessThan(5_000);
    expect(IDLE_CONNECTION_MS).toBeLessThan(new http.Server().keepAliveTimeout);
    const before = received;
    expect(await (await subgraphFetch(`${url}/graphql`, init, 2_000, false)).json()).toEqual({ data: { ok: true } });
    expect(received - before).toBe(1);
  }, 10_000);

  it('gives up when the deadline passes, with SubgraphTimeoutError', async () => {
    const started = Date.now();
    await expect(subgraphFetch(`${url}/slow`, init, 300, true)).rejects.toBeInstanceOf(SubgraphTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('hands back the status, headers and body of an answer', async () => {
    const response = await subgraphFetch(`${url}/graphql`, init, 2_000, true);
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(await response.text()).toBe('{"data":{"ok":true}}');
  });
});
