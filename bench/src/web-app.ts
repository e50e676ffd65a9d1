/**
 * 7. The web app on its production build, in Debian's Chromium: how much JavaScript (gzip) a
 * first visit to the event list and to `/door` downloads, against the budgets of issue 13
 * (150 KB and 60 KB), and the event list's Largest Contentful Paint. The LCP baseline, measured in
 * the same run and the same browser, is the same list of events as a static HTML page with no
 * JavaScript, served from this process: what showing that list costs at the least.
 *
 * Every visit is a fresh browser context (empty cache, no service worker), so it is a first load.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureWebBuild } from '../../web/build.js';
import { gql, type Actor, type Api } from './api.js';
import type { BenchPlatform } from './platform.js';
import { progress, round, summarize, type Summary } from './stats.js';

export const WEB_BUDGETS_KB = { events: 150, door: 60 } as const;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface WebAppSize {
  /** First visits per page; LCP is summarized over them. */
  visits: number;
}

export interface FirstLoad {
  /** JavaScript files fetched before the page settled, and their gzip size (level 6, as a server would). */
  scripts: number;
  jsGzipKb: number;
  jsRawKb: number;
}

export interface WebAppRun {
  size: WebAppSize;
  events: FirstLoad & { lcpMs: Summary };
  door: FirstLoad;
  staticLcpMs: Summary;
  lcpRatio: number;
  budgetsKb: typeof WEB_BUDGETS_KB;
}

/** Records the last largest-contentful-paint candidate where the page can read it back. */
const OBSERVE_LCP = `
  globalThis.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) globalThis.__lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
`;

async function visit(browser: Browser, url: string, settled: (page: Page) => Promise<void>): Promise<FirstLoad & { lcpMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_LCP);
    const bodies: Promise<Buffer | undefined>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      bodies.push(response.body().catch(() => undefined));
    });
    await page.goto(url, { waitUntil: 'load' });
    await settled(page);
    await page.waitForLoadState('networkidle');
    // LCP is final at the first input or when the page is hidden; a short wait lets the last
    // candidate (the list after its query answered) be reported.
    await page.waitForTimeout(300);
    const lcpMs = await page.evaluate(() => (globalThis as unknown as { __lcp: number }).__lcp);
    const scripts = (await Promise.all(bodies)).filter((body): body is Buffer => body !== undefined);
    return {
      scripts: scripts.length,
      jsGzipKb: round(scripts.reduce((sum, body) => sum + gzipSync(body).length, 0) / 1024, 1),
      jsRawKb: round(scripts.reduce((sum, body) => sum + body.length, 0) / 1024, 1),
      lcpMs,
    };
  } finally {
    await context.close();
  }
}

/** The baseline: the same event titles, dates and venues as plain server-rendered HTML. */
function staticListServer(rows: { title: string; startsAt: string; venue: string }[]): Promise<http.Server> {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Events</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 24px">
<h1>Events</h1><ul style="list-style: none; padding: 0">${rows
    .map((r) => `<li><h2><a href="#">${escape(r.title)}</a></h2><p>${escape(r.startsAt)} · ${escape(r.venue)}</p></li>`)
    .join('')}</ul></body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function webApp(platform: BenchPlatform, api: Api, organizer: Actor, size: WebAppSize): Promise<WebAppRun> {
  progress('web app: building web/dist when stale…');
  await ensureWebBuild();
  progress('web app: publishing 12 events for the list…');
  for (let i = 0; i < 12; i++) await api.publishedEvent(organizer, `Web Row Concert ${i + 1}`, 48 + i);
  const listed = await gql<{ events: { edges: { node: { title: string; startsAt: string; venue: string } }[] } }>(
    platform.routerUrl,
    'query { events(first: 12) { edges { node { title startsAt venue } } } }',
  );
  const rows = listed.data?.events.edges.map((e) => e.node) ?? [];
  const baseline = await staticListServer(rows);
  const baselineUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}/`;
  const appUrl = new URL('/', platform.routerUrl).toString();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, chromiumSandbox: false, args: ['--disable-gpu'] });
  try {
    const eventVisits: (FirstLoad & { lcpMs: number })[] = [];
    const staticLcp: number[] = [];
    for (let i = 0; i < size.visits; i++) {
      progress(`web app: first visit ${i + 1}/${size.visits} to the event list, and to the static baseline…`);
      // Alternate which goes first, so neither always meets a colder machine.
      const app = () =>
        visit(browser, appUrl, (page) =>
          page
            .getByRole('link', { name: /Web Row Concert/ })
            .first()
            .waitFor(),
        );
      const plain = () => visit(browser, baselineUrl, async () => {});
      if (i % 2 === 0) {
        eventVisits.push(await app());
        staticLcp.push((await plain()).lcpMs);
      } else {
        staticLcp.push((await plain()).lcpMs);
        eventVisits.push(await app());
      }
    }
    progress('web app: first visit to /door…');
    const door = await visit(browser, new URL('/door', platform.routerUrl).toString(), (page) =>
      page.getByRole('button', { name: /sign in/i }).waitFor(),
    );
    const lcpMs = summarize(eventVisits.map((v) => v.lcpMs));
    const staticLcpMs = summarize(staticLcp);
    const first = eventVisits[0]!;
    return {
      size,
      events: { scripts: first.scripts, jsGzipKb: first.jsGzipKb, jsRawKb: first.jsRawKb, lcpMs },
      door: { scripts: door.scripts, jsGzipKb: door.jsGzipKb, jsRawKb: door.jsRawKb },
      staticLcpMs,
      lcpRatio: round(lcpMs.p50 / staticLcpMs.p50),
      budgetsKb: WEB_BUDGETS_KB,
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => baseline.close(resolve));
  }
}
