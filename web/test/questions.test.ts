import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestPlatform } from '@sbor/platform';
import { createTranslator, type Locale } from '../src/lib/i18n/translate';
import { ok, person, signIn } from './support/accounts';
import { expectNoSeriousA11yViolations, screenshot, test, type Device } from './support/web-app';

/**
 * Attendee questions as people use them: an organizer asks a required T-shirt size and an optional
 * dietary note; a buyer of two tickets names both attendees, is stopped on the size left empty, and
 * finds the names on the issued tickets, as does the organizer on the order.
 */

const HOUR = 60 * 60 * 1000;

const runs: { locale: Locale; device: Device }[] = [
  { locale: 'en', device: 'desktop' },
  { locale: 'ru', device: 'phone' },
];

/** A published event with one free ticket type, so an order is paid, and its tickets issued, at once. */
async function scene(platform: TestPlatform, title: string) {
  const organizer = await person(platform, 'Olga Organizer', true);
  const iso = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
  const event = await ok<{ id: string }>(
    platform,
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    { i: { title, venue: 'Red Hall', startsAt: iso(48), endsAt: iso(51) } },
    organizer.token,
  );
  await ok(
    platform,
    'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
    { e: event.id, i: { name: 'Seat', priceCents: 0, currency: 'EUR', quantity: 20, salesStart: iso(-1), salesEnd: iso(47) } },
    organizer.token,
  );
  await ok(platform, 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: event.id }, organizer.token);
  return { organizer, eventId: event.id };
}

/** The name of the control that has focus. */
const focused = (page: Page) => page.evaluate<string | null>("document.activeElement?.getAttribute('name') ?? null");

describe('attendee questions', () => {
  test.for(runs)(
    'an organizer asks a T-shirt size and a dietary note; a buyer names two attendees, is stopped on an empty size and on an address the API refuses, and sees the names on the tickets ($locale, $device)',
    { timeout: 240_000 },
    async ({ locale, device }, { app, newPage }) => {
      const t = createTranslator(locale);
      const { platform } = app;
      const suffix = Math.random().toString(36).slice(2, 7);
      const title = locale === 'ru' ? `Летний забег ${suffix}` : `Summer run ${suffix}`;
      const size = locale === 'ru' ? 'Размер футболки' : 'T-shirt size';
      const diet = locale === 'ru' ? 'Особенности питания' : 'Dietary needs';
      const [ann, ben] = locale === 'ru' ? ['Анна Тестова', 'Борис Тестов'] : ['Ann Tester', 'Ben Tester'];
      const { organizer, eventId } = await scene(platform, title);

      // The organizer: the Questions tab, empty at first.
      const page = await newPage({ device, locale });
      const main = page.getByRole('main');
      const shot = (step: string) => screenshot(page, `questions-${locale}-${device}-${step}`);
      await signIn(page, t, organizer.email, `/organizer/events/${eventId}`);
      await page
        .getByRole('navigation', { name: t('organizer.section.label') })
        .getByRole('link', { name: t('organizer.section.questions'), exact: true })
        .click();
      await page.getByRole('heading', { level: 2, name: t('organizer.section.questions'), exact: true }).waitFor();
      await main.getByText(t('organizer.questions.none')).waitFor();
      const question = (n: number) => main.getByRole('group', { name: t('organizer.questions.item', { n }), exact: true });

      // The dietary note first, then the size, moved up to be asked first.
      await page.getByRole('button', { name: t('organizer.questions.add'), exact: true }).click();
      await question(1).getByLabel(t('organizer.questions.label'), { exact: true }).fill(diet);
      await page.getByRole('button', { name: t('organizer.questions.add'), exact: true }).click();
      await question(2).getByLabel(t('organizer.questions.label'), { exact: true }).fill(size);
      await question(2).getByLabel(t('organizer.questions.kind'), { exact: true }).selectOption('CHOICE');
      await question(2).getByLabel(t('organizer.questions.required'), { exact: true }).check();
      // One option is not a choice: the API says so on the options box, in the page's language.
      await question(2).getByLabel(t('organizer.questions.options'), { exact: true }).fill('S');
      await page.getByRole('button', { name: t('organizer.questions.moveUp', { n: 2 }), exact: true }).click();
      await page.getByRole('button', { name: t('organizer.questions.save'), exact: true }).click();
      await question(1).getByText(t('organizer.questions.error.options'), { exact: true }).waitFor();
      expect(await focused(page)).toBe('questions.0.options');
      await expectNoSeriousA11yViolations(page);
      await shot('1-options-refused');
      await question(1).getByLabel(t('organizer.questions.options'), { exact: true }).fill('S\nM\nL');
      await page.getByRole('button', { name: t('organizer.questions.save'), exact: true }).click();
      await page
        .getByRole('status')
        .getByText(t('organizer.questions.saved', { count: 2 }))
        .waitFor();

      // After a reload the questions are there, in the order saved.
      await page.reload();
      await expect.poll(() => question(1).getByLabel(t('organizer.questions.label'), { exact: true }).inputValue()).toBe(size);
      expect(await question(1).getByLabel(t('organizer.questions.kind'), { exact: true }).inputValue()).toBe('CHOICE');
      expect(await question(1).getByLabel(t('organizer.questions.required'), { exact: true }).isChecked()).toBe(true);
      expect(await question(1).getByLabel(t('organizer.questions.options'), { exact: true }).inputValue()).toBe('S\nM\nL');
      expect(await question(2).getByLabel(t('organizer.questions.label'), { exact: true }).inputValue()).toBe(diet);
      expect(await question(2).getByLabel(t('organizer.questions.kind'), { exact: true }).inputValue()).toBe('TEXT');
      expect(await question(2).getByLabel(t('organizer.questions.required'), { exact: true }).isChecked()).toBe(false);
      await expectNoSeriousA11yViolations(page);
      await shot('2-questions');

      // A buyer picks two seats and is asked who each is for.
      const buyer = await newPage({ device, locale });
      const buyerMain = buyer.getByRole('main');
      const account = await person(platform, locale === 'ru' ? 'Анна Покупатель' : 'Ann Buyer');
      await signIn(buyer, t, account.email, `/events/${eventId}`);
      await buyer.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
      await buyer.getByLabel(t('events.tickets.quantity', { name: 'Seat' }), { exact: true }).selectOption('2');
      await buyerMain.getByRole('heading', { name: t('events.attendees.title', { count: 2 }), exact: true }).waitFor();
      const attendee = (n: number) =>
        buyerMain.getByRole('group', { name: t('events.attendees.ticket', { n, type: 'Seat' }), exact: true });
      await attendee(1).getByLabel(t('events.attendees.name'), { exact: true }).fill(ann);
      await attendee(1).getByLabel(size, { exact: true }).selectOption('M');
      await attendee(1)
        .getByLabel(t('events.attendees.optional', { label: diet }), { exact: true })
        .fill(locale === 'ru' ? 'Без глютена' : 'Gluten-free');
      await attendee(2).getByLabel(t('events.attendees.name'), { exact: true }).fill(ben);
      // The second size is left empty: Reserve stops on it, says why there, and moves focus to it.
      await buyer.getByRole('button', { name: t('events.tickets.reserveCount', { count: 2 }), exact: true }).click();
      await attendee(2).getByText(t('events.attendees.error.CHOICE'), { exact: true }).waitFor();
      expect(await focused(buyer)).toBe('attendees.1.answers.0');
      expect(buyer.url()).toMatch(/\/events\//);
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, `questions-${locale}-${device}-3-attendee-refused`);
      await attendee(2).getByLabel(size, { exact: true }).selectOption('L');
      await attendee(2).getByText(t('events.attendees.error.CHOICE'), { exact: true }).waitFor({ state: 'detached' });
      // An address the page lets through but the API does not: its refusal lands on that field, focused.
      const benEmail = attendee(2).getByLabel(t('events.attendees.email'), { exact: true });
      await benEmail.fill('ben@example..com');
      await buyer.getByRole('button', { name: t('events.tickets.reserveCount', { count: 2 }), exact: true }).click();
      await attendee(2).getByText(t('events.attendees.error.email'), { exact: true }).waitFor();
      await expect.poll(() => focused(buyer)).toBe('attendees.1.email');
      await benEmail.fill('');
      await buyer.getByRole('button', { name: t('events.tickets.reserveCount', { count: 2 }), exact: true }).click();

      // Free seats: the order is paid at once, each ticket naming its attendee and their answers.
      await buyer.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
      const orderId = buyer.url().split('/').pop()!;
      await buyerMain.getByText(t('tickets.attendee', { name: ann }), { exact: true }).waitFor();
      await buyerMain.getByText(t('tickets.attendee', { name: ben }), { exact: true }).waitFor();
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, `questions-${locale}-${device}-4-order`);
      await buyer.goto('/tickets');
      const annTicket = buyerMain.getByRole('article').filter({ hasText: t('tickets.attendee', { name: ann }) });
      await annTicket.waitFor();
      await annTicket.getByText(locale === 'ru' ? 'Без глютена' : 'Gluten-free', { exact: true }).waitFor();
      await buyerMain.getByText(t('tickets.attendee', { name: ben }), { exact: true }).waitFor();
      await screenshot(buyer, `questions-${locale}-${device}-5-tickets`);

      // The organizer finds both names on the order.
      await page.goto(`/organizer/events/${eventId}/orders/${orderId}`);
      await main.getByRole('heading', { level: 3, name: t('organizer.order.tickets'), exact: true }).waitFor();
      await main.getByText(t('tickets.attendee', { name: ann }), { exact: true }).waitFor();
      await main.getByText(t('tickets.attendee', { name: ben }), { exact: true }).waitFor();
      await main.getByText(`${size}: L`).waitFor();
      await expectNoSeriousA11yViolations(page);
      await shot('6-order');
    },
  );
});
