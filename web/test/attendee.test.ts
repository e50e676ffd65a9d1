import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { formatMoney } from '../src/lib/i18n/format';
import { createTranslator, type Locale, type Translate } from '../src/lib/i18n/translate';
import { expectNoSeriousA11yViolations, screenshot, test, uniqueEmail, type Device, type WebApp } from './support/web-app';

const HOUR = 60 * 60 * 1000;

/** Runs one operation through the router that must succeed, and returns its single root field. */
async function ok<T>(app: WebApp, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const answer = await app.platform.gql<Record<string, T>>(query, variables, { token });
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return Object.values(answer.data!)[0]!;
}

interface Prepared {
  title: string;
  /** A word found only in this event's description. */
  word: string;
  typeName: string;
  priceCents: number;
  currency: string;
}

/**
 * An organizer and a published event with a priced ticket type (and a second, dearer one), made
 * through the API the way test/e2e/support/actors.ts does it. The search word is unique per run.
 */
async function prepareEvent(app: WebApp, locale: Locale): Promise<Prepared> {
  const suffix = randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 6);
  const word = `marimba${suffix}`;
  const session = await ok<{ accessToken: string }>(app, 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', {
    i: { email: uniqueEmail('organizer'), password: 'correct horse battery', displayName: 'Blue Hall Concerts' },
  });
  const { accessToken: token } = await ok<{ accessToken: string }>(
    app,
    'mutation { becomeOrganizer { accessToken } }',
    {},
    session.accessToken,
  );
  const category = await ok<{ id: string }>(
    app,
    'mutation ($i: CreateCategoryInput!) { createCategory(input: $i) { id } }',
    { i: { name: locale === 'ru' ? `Концерты ${suffix}` : `Concerts ${suffix}` } },
    token,
  );
  const base = Date.now();
  const at = (hours: number) => new Date(base + hours * HOUR).toISOString();
  const title = locale === 'ru' ? `Джазовый вечер ${suffix}` : `Jazz Night ${suffix}`;
  const event = await ok<{ id: string }>(
    app,
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    {
      i: {
        title,
        description: `Quartets until late, with a ${word} solo.\n\nDoors open an hour before the first set.`,
        venue: 'Blue Hall, 12 River Street',
        categoryId: category.id,
        startsAt: at(48),
        endsAt: at(51),
      },
    },
    token,
  );
  await ok(
    app,
    'mutation ($id: ID!, $items: [ScheduleItemInput!]!) { setSchedule(eventId: $id, items: $items) { id } }',
    {
      id: event.id,
      items: [
        { title: 'First set', startsAt: at(48), endsAt: at(49), speaker: 'The Blue Quartet' },
        { title: 'Second set', startsAt: at(49.5), endsAt: at(51), speaker: 'Ann Tester Trio', location: 'Main stage' },
      ],
    },
    token,
  );
  const currency = locale === 'ru' ? 'RUB' : 'EUR';
  const priceCents = locale === 'ru' ? 150_000 : 2_500;
  const typeName = locale === 'ru' ? 'Стандарт' : 'Standard';
  const addType = (name: string, cents: number, quantity: number) =>
    ok(
      app,
      'mutation ($id: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $id, input: $i) { id } }',
      {
        id: event.id,
        i: { name, priceCents: cents, currency, quantity, salesStart: at(-1), salesEnd: at(47), maxPerUser: 4 },
      },
      token,
    );
  await addType(typeName, priceCents, 50);
  await addType('VIP', priceCents * 3, 5);
  await ok(app, 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: event.id }, token);
  return { title, word, typeName, priceCents, currency };
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
const bell = (page: Page, t: Translate, count: number) =>
  page
    .getByRole('banner')
    .getByRole('button', { name: count > 0 ? t('notifications.bell.unread', { count }) : t('notifications.bell.none'), exact: true });
const qrCodes = (page: Page, t: Translate, typeName: string) => page.getByRole('img', { name: t('tickets.qrAlt', { name: typeName }) });

async function register(page: Page, t: Translate, name: string) {
  await page.goto('/register');
  await heading(page, t('register.title'));
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel(t('auth.displayName')).fill(name);
  await page.getByLabel(t('auth.email')).fill(uniqueEmail('attendee'));
  await page.getByLabel(t('auth.password')).fill('correct horse battery');
  await page.getByRole('button', { name: t('register.submit') }).click();
  await page
    .getByRole('banner')
    .getByRole('link', { name: t('header.account', { name }) })
    .waitFor();
}

describe('the attendee journey', () => {
  const runs: [Locale, Device][] = [
    ['en', 'desktop'],
    ['ru', 'phone'],
  ];

  test.for(runs)(
    'a new attendee finds an event by a word, buys two tickets through the sandbox and sees both QR codes, the bell ringing live (%s, %s)',
    { timeout: 180_000 },
    async ([locale, device], { app, newPage }) => {
      const t = createTranslator(locale);
      const prepared = await prepareEvent(app, locale);
      const shotName = (name: string) => (locale === 'en' && device === 'desktop' ? name : `${name}-${locale}-${device}`);
      const money = (cents: number) => formatMoney(cents, prepared.currency, locale);
      const page = await newPage({ device, locale });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));

      await register(page, t, locale === 'ru' ? 'Аня Покупатель' : 'Ann Buyer');

      // Find the event by a word of its description.
      await page
        .getByRole('navigation')
        .getByRole('link', { name: t('nav.events') })
        .click();
      await heading(page, t('events.title'));
      await page.getByRole('search').getByLabel(t('events.filters.search')).fill(prepared.word);
      await page
        .getByRole('search')
        .getByRole('button', { name: t('events.filters.submit') })
        .click();
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(prepared.word);
      const results = page.getByRole('main').getByRole('link', { name: prepared.title });
      await results.waitFor();
      // The unfiltered list may still be on screen while the search loads; wait for the answer.
      await expect.poll(() => page.getByRole('main').getByRole('article').count()).toBe(1);
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, shotName('events-search'));
      await results.click();

      // The event page: details, schedule, ticket types with prices; pick 2 and reserve.
      await heading(page, prepared.title);
      await page.getByRole('heading', { name: t('events.schedule') }).waitFor();
      await page.getByText('The Blue Quartet').waitFor();
      const quantity = page.getByLabel(t('events.tickets.quantity', { name: prepared.typeName }));
      await quantity.selectOption('2');
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: money(2 * prepared.priceCents) })
            .count(),
        )
        .toBe(1);
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, shotName('event-page'));
      await page.getByRole('button', { name: t('events.tickets.reserveCount', { count: 2 }) }).click();

      // The order, held: the countdown runs.
      const orderHeading = page.getByRole('heading', { level: 1, name: new RegExp(t('checkout.order.title', { number: '' }).trim()) });
      await orderHeading.waitFor();
      const orderUrl = page.url();
      expect(new URL(orderUrl).pathname).toMatch(/^\/orders\/[0-9a-f-]{36}$/);
      const timer = page.getByRole('timer');
      await expect.poll(() => timer.textContent()).toMatch(/^\d{1,2}:\d{2}$/);
      await page.getByText(t('checkout.status.RESERVED'), { exact: true }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, shotName('order-reserved'));

      // Meanwhile, another tab of the same person watches the bell, which must ring without a reload.
      const watcher = await page.context().newPage();
      await watcher.goto('/tickets');
      await heading(watcher, t('tickets.title'));
      await bell(watcher, t, 0).waitFor();

      // Pay on the sandbox checkout, which is Sbor's tickets service's own page.
      await page.getByRole('button', { name: t('checkout.pay.sandbox') }).click();
      await page.waitForURL(/\/pay\/[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: /^Pay / }).click();
      await page.getByRole('status').filter({ hasText: 'Paid' }).waitFor();

      await bell(watcher, t, 1).waitFor({ timeout: 20_000 });
      await expect
        .poll(() => watcher.locator('[aria-live="polite"]').allTextContents())
        .toContain(t('notifications.arrived', { title: t('notifications.title.ORDER_PAID', { event: prepared.title }) }));
      // The other tab's page of tickets reads them again when the purchase is announced.
      await expect.poll(() => qrCodes(watcher, t, prepared.typeName).count()).toBe(2);
      // The other tab's list, live too: newest first.
      await bell(watcher, t, 1).click();
      await watcher.getByRole('link', { name: t('notifications.title.ORDER_PAID', { event: prepared.title }) }).waitFor();
      await expectNoSeriousA11yViolations(watcher);
      await screenshot(watcher, shotName('bell-live'));
      await watcher.close();

      // Back to the order: paid, with the two tickets' QR codes.
      await page.goto(orderUrl);
      await orderHeading.waitFor();
      await page.getByText(t('checkout.status.PAID'), { exact: true }).waitFor();
      await expect.poll(() => qrCodes(page, t, prepared.typeName).count()).toBe(2);
      await bell(page, t, 1).waitFor();
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, shotName('order-paid'));

      // My tickets: both, by event, each QR large enough to scan.
      await page
        .getByRole('navigation')
        .getByRole('link', { name: t('nav.tickets') })
        .click();
      await heading(page, t('tickets.title'));
      await page.getByRole('heading', { level: 2, name: prepared.title }).waitFor();
      await expect.poll(() => qrCodes(page, t, prepared.typeName).count()).toBe(2);
      const box = await qrCodes(page, t, prepared.typeName).first().boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(200);
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, shotName('my-ticket'));

      // Offline, the tickets still show, from the copy this device kept, and the page says so.
      await goOffline(page.context(), true);
      await page
        .getByRole('navigation')
        .getByRole('link', { name: t('nav.events') })
        .click();
      await heading(page, t('events.title'));
      await page
        .getByRole('navigation')
        .getByRole('link', { name: t('nav.tickets') })
        .click();
      await heading(page, t('tickets.title'));
      await page
        .getByRole('status')
        .filter({ hasText: t('tickets.offline.title') })
        .waitFor();
      await expect.poll(() => qrCodes(page, t, prepared.typeName).count()).toBe(2);
      await screenshot(page, shotName('my-ticket-offline'));
      await goOffline(page.context(), false);

      // My orders lists the paid order.
      await page
        .getByRole('navigation')
        .getByRole('link', { name: t('nav.orders') })
        .click();
      await heading(page, t('orders.title'));
      await page.getByRole('link', { name: prepared.title }).waitFor();
      await page.getByText(t('checkout.status.PAID'), { exact: true }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, shotName('my-orders'));
      expect(pageErrors).toEqual([]);
    },
  );

  test(
    'a signed-out visitor is asked to sign in on the event page, comes back, and can cancel a held order',
    { timeout: 120_000 },
    async ({ app, newPage }) => {
      const t = createTranslator('en');
      const prepared = await prepareEvent(app, 'en');
      const page = await newPage({ device: 'phone', locale: 'en' });
      await page.goto(`/?q=${prepared.word}`);
      await page.getByRole('link', { name: prepared.title }).click();
      await heading(page, prepared.title);
      const eventPath = new URL(page.url()).pathname;
      const eventId = eventPath.split('/').pop()!;

      // Someone else holds 3 of the 5 VIP tickets: the open page shows it within a few seconds.
      await page.getByText(t('events.tickets.left', { count: 5 })).waitFor();
      const rival = await ok<{ accessToken: string }>(app, 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', {
        i: { email: uniqueEmail('rival'), password: 'correct horse battery', displayName: 'Rival' },
      });
      const { ticketTypes } = await ok<{ ticketTypes: { id: string; name: string }[] }>(
        app,
        'query ($id: ID!) { event(id: $id) { ticketTypes { id name } } }',
        { id: eventId },
      );
      const vip = ticketTypes.find((type) => type.name === 'VIP')!;
      await ok(
        app,
        'mutation ($i: OrderInput!) { reserveTickets(input: $i) { id } }',
        { i: { eventId, items: [{ ticketTypeId: vip.id, quantity: 3 }], idempotencyKey: randomUUID() } },
        rival.accessToken,
      );
      await page.getByText(t('events.tickets.left', { count: 2 })).waitFor({ timeout: 15_000 });

      await page.getByRole('link', { name: t('events.tickets.signIn') }).click();
      await heading(page, t('login.title'));
      await page.getByRole('link', { name: t('login.registerLink') }).click();
      await page.getByLabel(t('auth.displayName')).fill('Bo Canceller');
      await page.getByLabel(t('auth.email')).fill(uniqueEmail('bo'));
      await page.getByLabel(t('auth.password')).fill('correct horse battery');
      await page.getByRole('button', { name: t('register.submit') }).click();
      await heading(page, prepared.title);
      expect(new URL(page.url()).pathname).toBe(eventPath);

      await page.getByLabel(t('events.tickets.quantity', { name: 'VIP' })).selectOption('1');
      await page.getByRole('button', { name: t('events.tickets.reserveCount', { count: 1 }) }).click();
      await page.getByRole('timer').waitFor();

      // Cancelling asks first; "keep" changes nothing.
      await page.getByRole('button', { name: t('checkout.cancel.button') }).click();
      const dialog = page.getByRole('dialog', { name: t('checkout.cancel.title') });
      await dialog.waitFor();
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'order-cancel-en-phone');
      await dialog.getByRole('button', { name: t('checkout.cancel.keep') }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('timer').waitFor();

      await page.getByRole('button', { name: t('checkout.cancel.button') }).click();
      await dialog.getByRole('button', { name: t('checkout.cancel.confirm') }).click();
      await page.getByText(t('checkout.status.CANCELLED'), { exact: true }).waitFor();
      await page.getByText(t('checkout.cancelled.body')).waitFor();
      expect(await page.getByRole('timer').count()).toBe(0);
    },
  );

  test('the account page renames the person and keeps their notification preferences (ru, desktop)', async ({ newPage }) => {
    const t = createTranslator('ru');
    const page = await newPage({ device: 'desktop', locale: 'ru' });
    await register(page, t, 'Вера');
    await page.goto('/account');
    await heading(page, t('account.title'));

    await page.getByText(t('notifications.profile.rename')).click();
    await page.getByLabel(t('auth.displayName')).fill('Вера Павловна');
    await page
      .getByRole('button', { name: t('notifications.preferences.save') })
      .first()
      .click();
    await page
      .getByRole('banner')
      .getByRole('link', { name: t('header.account', { name: 'Вера Павловна' }) })
      .waitFor();

    const section = page.getByRole('region', { name: t('notifications.preferences.title') });
    const push = section.getByRole('checkbox', { name: new RegExp(t('notifications.preferences.push')) });
    const reminders = section.getByRole('checkbox', { name: t('notifications.type.EVENT_REMINDER') });
    expect(await push.isChecked()).toBe(false);
    expect(await reminders.isChecked()).toBe(true);
    await push.check();
    await reminders.uncheck();
    await section.getByRole('button', { name: t('notifications.preferences.save') }).click();
    await section
      .getByRole('status')
      .filter({ hasText: t('notifications.preferences.saved') })
      .waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'account-ru-desktop');

    await page.reload();
    await heading(page, t('account.title'));
    await expect
      .poll(() => section.getByRole('checkbox', { name: new RegExp(t('notifications.preferences.push')) }).isChecked())
      .toBe(true);
    expect(await section.getByRole('checkbox', { name: t('notifications.type.EVENT_REMINDER') }).isChecked()).toBe(false);
  });
});

async function goOffline(context: BrowserContext, offline: boolean) {
  await context.setOffline(offline);
}
