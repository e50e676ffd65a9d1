import { describe, expect } from 'vitest';
import { createTranslator, type Locale } from '../src/lib/i18n/translate';
import { expectNoSeriousA11yViolations, screenshot, test, uniqueEmail, type Device } from './support/web-app';

/**
 * The pages the account emails link to: asking for a password reset from the sign-in page, and
 * opening a verification or reset link that is no longer good.
 */
const runs: { locale: Locale; device: Device }[] = [
  { locale: 'en', device: 'desktop' },
  { locale: 'ru', device: 'phone' },
];

describe('the account email pages', () => {
  test.for(runs)(
    'asking for a reset link, and an old link explained ($locale, $device)',
    { timeout: 120_000 },
    async ({ locale, device }, { newPage }) => {
      const t = createTranslator(locale);
      const page = await newPage({ device, locale });
      const main = page.getByRole('main');

      // From sign in: "Forgot your password?" asks for the address, and answers the same for any.
      await page.goto('/login');
      await page.getByRole('link', { name: t('login.forgot'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: t('account.reset.title'), exact: true }).waitFor();
      const address = uniqueEmail('nobody');
      await page.getByLabel(t('auth.email'), { exact: true }).fill(address);
      await page.getByRole('button', { name: t('account.reset.send'), exact: true }).click();
      await main.getByText(t('account.reset.sent', { email: address })).waitFor();
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, `account-${locale}-${device}-1-reset-sent`);

      // A used or made-up reset link: the new password is refused with words and a way on.
      await page.goto('/reset-password#token=not-a-real-token');
      await page.getByLabel(t('account.reset.newPassword'), { exact: true }).fill('a brand new password');
      await page.getByRole('button', { name: t('account.reset.save'), exact: true }).click();
      await main.getByText(t('account.reset.expired')).waitFor();
      await main.getByRole('link', { name: t('account.reset.again'), exact: true }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, `account-${locale}-${device}-2-reset-expired`);

      // The same for a verification link.
      await page.goto('/verify-email#token=not-a-real-token');
      await page.getByRole('heading', { level: 1, name: t('account.verify.title'), exact: true }).waitFor();
      await main.getByText(t('account.verify.expired')).waitFor();
      expect(await main.getByRole('alert').count()).toBe(1);
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, `account-${locale}-${device}-3-verify-expired`);
    },
  );
});
