import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { loadRouterConfig } from '../src/config.js';
import { startRouter, type RouterOptions, type RunningRouter } from '../src/router.js';
import { startTicketsStandIn, type TicketsStandIn } from './support/tickets-stand-in.js';

const ROUTER_SECRET = 'router-secret-for-tests-0123456789';
const APP_ORIGIN = 'http://localhost:5173';
const INDEX = '<!doctype html><html lang="en"><title>Sbor test app</title><div id="root"></div></html>';
const DOOR = '<!doctype html><html lang="en"><title>Sbor test door</title><div id="door"></div></html>';
const ASSET = 'assets/index-Ab12Cd34.js';

let dist: string;
let tickets: TicketsStandIn;
let router: RunningRouter;
/** No CORS_ORIGINS and no web app: the defaults a plain API deployment gets. */
let bare: RunningRouter;

const baseOf = (target: RunningRouter) => target.url.replace(/\/graphql$/, '');
const page = (url: string, target = router) =>
  fetch(`${baseOf(target)}${url}`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });

async function start(env: Record<string, string>, options: Partial<RouterOptions>) {
  const config = loadRouterConfig({
    NODE_ENV: 'test',
    ROUTER_SECRET,
    ROUTER_PORT: '0',
    USERS_URL: tickets.url,
    EVENTS_URL: tickets.url,
    TICKETS_URL: tickets.url,
    NOTIFICATIONS_URL: tickets.url,
    ...env,
  });
  return startRouter({ ...config, logger: createLogger('router-test', 'silent'), ...options });
}

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'sbor-web-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, ASSET), 'console.log("app");');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(dist, 'door.html'), DOOR);
  writeFileSync(path.join(dist, 'door-sw.js'), 'self.addEventListener("fetch", () => {});');
  tickets = await startTicketsStandIn();
  router = await start({ CORS_ORIGINS: `${APP_ORIGIN}, https://shop.example.com` }, { webAppDir: dist });
  bare = await start({}, { webAppDir: false });
});

afterAll(async () => {
  await router?.stop();
  await bare?.stop();
  await tickets?.stop();
  rmSync(dist, { recursive: true, force: true });
});

beforeEach(() => {
  tickets.received.length = 0;
  tickets.answerWith({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"keys":[]}' });
});

describe('the web app at /', () => {
  it('serves index.html at / with no-cache, so a new deploy shows on the next load', async () => {
    const response = await page('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
  });

  it('answers a client route such as /events/42 or /organizer/events/new with index.html', async () => {
    for (const route of ['/events/42', '/organizer/events/new', '/tickets', '/orders/7', '/doorway']) {
      const response = await page(route);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('cache-control'), route).toBe('no-cache');
      expect(await response.text(), route).toBe(INDEX);
    }
  });

  it('answers /door and every path under it with door.html, the door app’s own entry', async () => {
    for (const route of ['/door', '/door/', '/door/scan']) {
      const response = await page(route);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('cache-control'), route).toBe('no-cache');
      expect(await response.text(), route).toBe(DOOR);
    }
  });

  it('revalidates the door’s service worker on every load, so a deploy reaches door devices', async () => {
    const response = await fetch(`${baseOf(router)}/door-sw.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('revalidates index.html with its ETag', async () => {
    const first = await page('/events/42');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // node:http, not fetch: fetch adds `cache-control: no-cache` to a conditional request, as the Fetch spec says.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      http
        .get(`${baseOf(router)}/events/42`, { headers: { accept: 'text/html', 'if-none-match': etag! } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject),
    );
    expect(status).toBe(304);
  });

  it('lets browsers keep hashed assets for a year', async () => {
    const response = await fetch(`${baseOf(router)}/${ASSET}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers 404 for a missing asset, never index.html in its place', async () => {
    const response = await page('/assets/index-Gone0000.js');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('Sbor test app');
  });

  it('revalidates the other top-level files (favicon, later the service worker) on every load', async () => {
    const response = await fetch(`${baseOf(router)}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('does not answer what is not a page request: JSON, a POST, or a missing file', async () => {
    const json = await fetch(`${baseOf(router)}/events/42`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    const post = await fetch(`${baseOf(router)}/events/42`, { method: 'POST', headers: { accept: 'text/html' } });
    expect(post.status).toBe(404);
    const file = await page('/robots.txt');
    expect(file.status).toBe(404);
  });
});

describe('the API paths beside the web app', () => {
  it('keeps /graphql: a browser gets Apollo Sandbox, a client gets GraphQL', async () => {
    const sandbox = await page('/graphql');
    expect(sandbox.status).toBe(200);
    expect(await sandbox.text()).not.toContain('Sbor test app');
    const query = await fetch(router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await query.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('keeps /healthz, /readyz and /metrics, even when asked for as pages', async () => {
    const health = await page('/healthz');
    expect(await health.json()).toEqual({ status: 'ok', service: 'router' });
    const ready = await page('/readyz');
    expect(ready.headers.get('content-type')).toMatch(/json/);
    const metrics = await page('/metrics');
    expect(await metrics.text()).toContain('# HELP');
  });

  it('keeps relaying /tickets/keys, /pay/:id and /webhooks/* to the tickets service', async () => {
    expect((await page('/tickets/keys')).status).toBe(200);
    tickets.answerWith({ status: 200, headers: { 'content-type': 'text/html' }, body: '<title>Sandbox checkout</title>' });
    const paymentId = randomUUID();
    expect(await (await page(`/pay/${paymentId}`)).text()).toContain('Sandbox checkout');
    await fetch(`${baseOf(router)}/webhooks/sandbox`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(tickets.received.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'GET /tickets/keys',
      `GET /pay/${paymentId}`,
      'POST /webhooks/sandbox',
    ]);
  });

  it('serves no app when told not to', async () => {
    expect((await page('/', bare)).status).toBe(404);
    expect((await page('/events/42', bare)).status).toBe(404);
  });
});

describe('CORS_ORIGINS', () => {
  const preflight = (origin: string, target = router) =>
    fetch(target.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
  const post = (origin: string, target = router) =>
    fetch(target.url, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('answers the preflight of a listed origin: POST with a bearer token and JSON, no credentials', async () => {
    const response = await preflight(APP_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('lets a listed origin read the answer', async () => {
    const response = await post('https://shop.example.com');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('refuses the preflight of any other origin, and gives its requests no CORS headers', async () => {
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const response = await post('https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows no origin at all by default', async () => {
    const response = await preflight(APP_ORIGIN, bare);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await post(APP_ORIGIN, bare)).headers.get('access-control-allow-origin')).toBeNull();
  });
});
