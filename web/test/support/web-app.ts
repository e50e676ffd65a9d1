import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startTestPlatform, type TestPlatform } from '@sbor/platform';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, test as base } from 'vitest';
import { ensureWebBuild } from '../../build';
import type { Locale } from '../../src/lib/i18n/translate';

/** Debian's chromium (`.ci/run` installs it); no browser is downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

export const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;
export type Device = keyof typeof DEVICES;

export interface PageOptions {
  /** Screen size: desktop 1280×800, phone 390×844 (touch). Default desktop. */
  device?: Device;
  /** The browser's language (navigator.language, Accept-Language); the app picks from it. Default en. */
  locale?: Locale;
}

export interface WebApp {
  /** The whole platform in this process (embedded mode), its router serving web/dist. */
  platform: TestPlatform;
  /** The app's address, e.g. http://127.0.0.1:41234/ */
  baseUrl: string;
  browser: Browser;
  /** A page in a fresh browser context (its own storage: a separate person), at `device` size in `locale`. */
  newPage(options?: PageOptions): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * Builds web/dist when stale, starts the platform in embedded mode (its router serves the app on
 * the same origin as /graphql) and launches headless Chromium.
 */
export async function startWebApp(): Promise<WebApp> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  await ensureWebBuild();
  const platform = await startTestPlatform('embedded');
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      // Playwright gives each launch a fresh profile (--user-data-dir) and, as root, --no-sandbox.
      chromiumSandbox: false,
      args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    await platform.stop();
    throw error;
  }
  const baseUrl = new URL('/', platform.routerUrl).href;
  const launched = browser;
  return {
    platform,
    baseUrl,
    browser: launched,
    async newPage({ device = 'desktop', locale = 'en' } = {}) {
      const context = await launched.newContext({ ...DEVICES[device], locale, baseURL: baseUrl });
      return context.newPage();
    },
    async stop() {
      await launched.close();
      await platform.stop();
    },
  };
}

/** Saves a full-page PNG as web/test/screenshots/<name>.png (gitignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs axe on the page as it is now; fails listing every serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, `axe on ${page.url()}`).toEqual([]);
}

/** An address no earlier run used. */
export const uniqueEmail = (name: string) =>
  `${name.toLowerCase()}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/**
 * vitest with the web app as fixtures: `app` is started once per file; `newPage` opens pages whose
 * browser contexts close when the test ends.
 *
 *   test('…', async ({ app, newPage }) => { const page = await newPage({ device: 'phone', locale: 'ru' }); … });
 */
export const test = base
  // vitest reads a fixture's dependencies from its first parameter, which must be a destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  .extend('app', { scope: 'file' }, async ({}, { onCleanup }) => {
    const app = await startWebApp();
    onCleanup(() => app.stop());
    return app;
  })
  .extend('newPage', async ({ app }, { onCleanup }) => {
    const pages: Page[] = [];
    onCleanup(async () => {
      const contexts = new Set<BrowserContext>(pages.map((page) => page.context()));
      for (const context of contexts) await context.close();
    });
    return async (options?: PageOptions) => {
      const page = await app.newPage(options);
      pages.push(page);
      return page;
    };
  });
