import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRouterSecret } from '../src/router-secret.js';

/** The guard of the subgraphs' internal routes (events, users, tickets), on a route of its own. */
const SECRET = 'kit-router-secret-0123456789';
let server: http.Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.get('/internal/thing', requireRouterSecret(SECRET), (_req, res) => void res.json({ thing: 'yes' }));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/thing`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('requireRouterSecret', () => {
  it('lets a caller with the router secret through to the route, and its answer is not cached', async () => {
    const response = await fetch(url, { headers: { 'router-authorization': SECRET } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ thing: 'yes' });
  });

  it('refuses a caller without it, or with another, with 401 UNAUTHENTICATED before the route runs', async () => {
    for (const headers of [{}, { 'router-authorization': 'wrong-secret-wrong-secret' }, { 'router-authorization': `${SECRET}x` }]) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ error: 'UNAUTHENTICATED' });
    }
  });
});
