import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRouterConfig } from './config.js';
import { cors, type CorsOrigins } from './cors.js';

const SHOP = 'https://shop.example.com';
const servers: { close: () => void }[] = [];

/** A bare app behind the middleware, as the router mounts it before every route. */
async function serve(origins: CorsOrigins): Promise<string> {
  const app = express();
  app.use(cors(origins));
  app.all('/graphql', (_req, res) => {
    res.json({ data: {} });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const preflight = (url: string, origin: string) =>
  fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
const post = (url: string, origin: string) =>
  fetch(url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{}' });

let listed: string;
let any: string;
let production: string;

beforeAll(async () => {
  listed = await serve([SHOP]);
  any = await serve('*');
  // What a production router gets with CORS_ORIGINS unset.
  production = await serve(loadRouterConfig({ NODE_ENV: 'production', ROUTER_SECRET: 'Zq8vK2mN4pR7tW1yB5dF9hJ3lX6cV0gS' }).corsOrigins);
});

afterAll(() => {
  for (const server of servers) server.close();
});

describe('cors (CORS_ORIGINS)', () => {
  it('allows a listed origin, echoing it and varying on Origin', async () => {
    const response = await preflight(listed, SHOP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('never allows credentials, listed origin or *: clients send bearer tokens, not cookies', async () => {
    for (const response of [await preflight(listed, SHOP), await post(listed, SHOP), await preflight(any, SHOP), await post(any, SHOP)]) {
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('allows no origin at all in production when CORS_ORIGINS is unset', async () => {
    const response = await preflight(production, SHOP);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await post(production, SHOP)).headers.get('access-control-allow-origin')).toBeNull();
  });
});
