import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import type { TestPlatform } from '@sbor/platform';
import { createTranslator, type Locale } from '../src/lib/i18n/translate';
import { ok, person, signIn } from './support/accounts';
import { expectNoSeriousA11yViolations, screenshot, test, uniqueEmail, type Device } from './support/web-app';

/**
 * The organizer tools as people use them: an organizer creates a voucher for a hidden type, names
 * a door staff member and downloads the attendee list; an attendee reserves with a voucher code and
 * joins a sold-out type's waiting list, then finds their place in line with their orders.
 */

const HOUR = 60 * 60 * 1000;

const runs: { locale: Locale; device: Device }[] = [
  { locale: 'en', device: 'desktop' },
  { locale: 'ru', device: 'phone' },
];

/** A published event with a listed priced type, a hidden one, and a free type of one ticket already taken. */
async function scene(platform: TestPlatform, title: string) {
  const organizer = await person(platform, 'Oleg Organizer', true);
  const iso = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
  const event = await ok<{ id: string }>(
    platform,
    'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
    { i: { title, venue: 'Green Room', startsAt: iso(48), endsAt: iso(51) } },
    organizer.token,
  );
  const type = (name: string, priceCents: number, quantity: number, hidden = false) =>
    ok<{ id: string }>(
      platform,
      'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
      { e: event.id, i: { name, priceCents, currency: 'EUR', quantity, salesStart: iso(-1), salesEnd: iso(50), hidden } },
      organizer.token,
    );
  const seat = await type('Seat', 4000, 10);
  const backstage = await type('Backstage', 9000, 5, true);
  const standing = await type('Standing', 0, 1);
  await ok(platform, 'mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: event.id }, organizer.token);
  const early = await person(platform, 'Early Bird');
  await ok(
    platform,
    'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }',
    { i: { eventId: event.id, ticketTypeId: standing.id, quantity: 1, idempotencyKey: randomUUID() } },
    early.token,
  );
  return { organizer, eventId: event.id, seatId: seat.id, backstageId: backstage.id };
}

describe('the organizer tools', () => {
  test.for(runs)(
    'an organizer creates a voucher, names door staff and downloads the attendees; a buyer uses the code and waits for a sold-out type ($locale, $device)',
    { timeout: 240_000 },
    async ({ locale, device }, { app, newPage }) => {
      const t = createTranslator(locale);
      const { platform } = app;
      const suffix = Math.random().toString(36).slice(2, 7);
      const title = locale === 'ru' ? `Камерный вечер ${suffix}` : `Chamber night ${suffix}`;
      const { organizer, eventId, seatId } = await scene(platform, title);
      const staff = await person(platform, locale === 'ru' ? 'Дина Контролёр' : 'Dina Door');

      // The organizer: Vouchers tab, a 20 % code for the hidden type.
      const page = await newPage({ device, locale });
      const main = page.getByRole('main');
      const shot = (step: string) => screenshot(page, `organizer-tools-${locale}-${device}-${step}`);
      await signIn(page, t, organizer.email, `/organizer/events/${eventId}/vouchers`);
      await page.getByRole('heading', { level: 2, name: t('organizer.section.vouchers'), exact: true }).waitFor();
      await main.getByText(t('organizer.vouchers.none')).waitFor();
      const code = `VIP${suffix}`.toUpperCase();
      await page.getByLabel(t('organizer.voucher.code'), { exact: true }).fill(code);
      await page.getByLabel(t('organizer.voucher.kind'), { exact: true }).selectOption('PERCENT');
      await page.getByLabel(t('organizer.voucher.percent'), { exact: true }).fill('20');
      await page.getByLabel('Seat', { exact: true }).check();
      await page.getByLabel(`Backstage (${t('organizer.ticketTypes.hidden')})`, { exact: true }).check();
      await page.getByLabel(t('organizer.voucher.maxUses'), { exact: true }).fill('3');
      await page.getByRole('button', { name: t('organizer.voucher.submit'), exact: true }).click();
      await page.getByRole('status').getByText(t('organizer.voucher.created', { code })).waitFor();
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: code }) });
      await row.waitFor();
      const cells = (await row.getByRole('cell').allTextContents()).join(' | ');
      expect(cells).toContain('Seat, Backstage');
      expect(cells).toContain(t('organizer.vouchers.percentOff', { value: 20 }));
      expect(cells).toContain(t('organizer.vouchers.usedOf', { used: '0', max: '3' }));
      // The same code again is refused on the code field, in the page's language.
      await page.getByLabel(t('organizer.voucher.code'), { exact: true }).fill(code.toLowerCase());
      await page.getByLabel(t('organizer.voucher.percent'), { exact: true }).fill('10');
      await page.getByRole('button', { name: t('organizer.voucher.submit'), exact: true }).click();
      await main.getByText(t('organizer.voucher.error.code'), { exact: true }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await shot('1-vouchers');

      // Door tab: an unknown address is refused on the field; the staff member's is taken.
      await page
        .getByRole('navigation', { name: t('organizer.section.label') })
        .getByRole('link', { name: t('organizer.section.door'), exact: true })
        .click();
      await page.getByRole('heading', { level: 2, name: t('organizer.door.staff'), exact: true }).waitFor();
      await main.getByText(t('organizer.door.noStaff')).waitFor();
      const emailField = page.getByLabel(t('organizer.door.email'), { exact: true });
      await emailField.fill(uniqueEmail('nobody'));
      await page.getByRole('button', { name: t('organizer.door.add'), exact: true }).click();
      await main.getByText(t('organizer.door.unknownEmail'), { exact: true }).waitFor();
      await emailField.fill(staff.email.toUpperCase());
      await page.getByRole('button', { name: t('organizer.door.add'), exact: true }).click();
      await page
        .getByRole('status')
        .getByText(t('organizer.door.added', { name: staff.displayName }))
        .waitFor();
      await page.getByRole('button', { name: t('organizer.door.remove', { name: staff.displayName }), exact: true }).waitFor();

      // The attendee list downloads as a CSV file with the early buyer in it.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: t('organizer.exports.attendees'), exact: true }).click();
      const file = await (await download).path();
      const csv = await readFile(file, 'utf8');
      expect(csv.split('\n')[0]).toMatch(/attendee/i);
      expect(csv).toContain('Standing');
      await expectNoSeriousA11yViolations(page);
      await shot('2-door');

      // A buyer: the sold-out free type offers the waiting list; join it for 2.
      const buyer = await newPage({ device, locale });
      const buyerMain = buyer.getByRole('main');
      const buyerAccount = await person(platform, locale === 'ru' ? 'Борис Покупатель' : 'Bea Buyer');
      await signIn(buyer, t, buyerAccount.email, `/events/${eventId}`);
      await buyer.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
      await buyerMain.getByText(t('events.tickets.soldOut')).first().waitFor();
      // Someone else holds 3 seats: the page shows what is left live, without asking again.
      await buyerMain.getByText(t('events.tickets.left', { count: 10 })).waitFor();
      const rival = await person(platform, 'Rita Rival');
      await ok(
        platform,
        'mutation ($i: OrderInput!) { reserveTickets(input: $i) { id } }',
        { i: { eventId, items: [{ ticketTypeId: seatId, quantity: 3 }], idempotencyKey: randomUUID() } },
        rival.token,
      );
      await buyerMain.getByText(t('events.tickets.left', { count: 7 })).waitFor({ timeout: 10_000 });
      await buyer.getByLabel(t('waitingList.howMany', { name: 'Standing' }), { exact: true }).selectOption('2');
      await buyer.getByRole('button', { name: t('waitingList.join'), exact: true }).click();
      await buyerMain.getByText(t('waitingList.inLine', { position: 1, count: 2 })).waitFor();

      // A wrong voucher code is refused with its own sentence; the right one, in lower case, holds the seat.
      await buyer.getByLabel(t('events.tickets.quantity', { name: 'Seat' }), { exact: true }).selectOption('1');
      const voucher = buyer.getByLabel(t('events.tickets.voucher'), { exact: true });
      await voucher.fill('NOPE-123');
      await buyer.getByRole('button', { name: t('events.tickets.reserveCount', { count: 1 }), exact: true }).click();
      await buyerMain.getByText(t('error.VOUCHER_INVALID')).waitFor();
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, `organizer-tools-${locale}-${device}-3-event-voucher`);
      // Applied, the code lists the hidden type it unlocks; one of each at 20 % off.
      await voucher.fill(code.toLowerCase());
      await buyer.getByRole('button', { name: t('events.tickets.voucherApply'), exact: true }).click();
      await buyerMain.getByText(t('events.tickets.voucherUnlocked', { count: 1 })).waitFor();
      await buyer.getByLabel(t('events.tickets.quantity', { name: 'Backstage' }), { exact: true }).selectOption('1');
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, `organizer-tools-${locale}-${device}-3b-event-unlocked`);
      await buyer.getByRole('button', { name: t('events.tickets.reserveCount', { count: 2 }), exact: true }).click();
      await buyer.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
      // 40.00 + 90.00 less 20 %.
      await buyerMain
        .getByText(/104[.,]00/)
        .first()
        .waitFor();

      // Their orders page lists the place in line above the orders.
      await buyer.goto('/orders');
      await buyer.getByRole('heading', { level: 2, name: t('waitingList.title'), exact: true }).waitFor();
      await buyerMain.getByText(t('waitingList.position', { position: 1 })).waitFor();
      await expectNoSeriousA11yViolations(buyer);
      await screenshot(buyer, `organizer-tools-${locale}-${device}-4-waiting-list`);
      await buyer.getByRole('button', { name: t('waitingList.leave'), exact: true }).click();
      await buyer.getByRole('heading', { level: 2, name: t('waitingList.title'), exact: true }).waitFor({ state: 'detached' });
    },
  );
});
