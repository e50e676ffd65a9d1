import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { createTranslator, type Locale, type Translate } from '../src/lib/i18n/translate';
import { REFRESH_TOKEN_KEY } from '../src/lib/session/keys';
import { expectNoSeriousA11yViolations, screenshot, test, uniqueEmail, type Device } from './support/web-app';

const other = (locale: Locale): Locale => (locale === 'en' ? 'ru' : 'en');
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
const storedRefreshToken = (page: Page) => page.evaluate((key) => localStorage.getItem(key), REFRESH_TOKEN_KEY);
const pageLanguage = (page: Page) => page.evaluate<string>('document.documentElement.lang');

describe('the web app shell', () => {
  const runs: [Locale, Device][] = [
    ['en', 'phone'],
    ['ru', 'phone'],
    ['en', 'desktop'],
    ['ru', 'desktop'],
  ];

  test.for(runs)(
    'a new user registers, stays signed in across a reload, switches language, signs out and back in (%s, %s)',
    async ([locale, device], { newPage }) => {
      const t = createTranslator(locale);
      const next = createTranslator(other(locale));
      const name = locale === 'ru' ? 'Аня Тестова' : 'Ann Tester';
      const email = uniqueEmail('ann');
      const password = 'correct horse battery';
      const page = await newPage({ device, locale });
      const shot = (step: string) => screenshot(page, `smoke-${locale}-${device}-${step}`);
      const banner = () => page.getByRole('banner');
      const account = (tr: Translate) => banner().getByRole('link', { name: tr('header.account', { name }) });

      // The browser's language picks the app's.
      await page.goto('/');
      await heading(page, t('events.title'));
      expect(await pageLanguage(page)).toBe(locale);
      await expectNoSeriousA11yViolations(page);
      await shot('1-events');

      // Keyboard: the first Tab reaches the skip link, which moves focus to the page's content.
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe(t('app.skipToContent'));
      await shot('1-skip-link');
      await page.keyboard.press('Enter');
      expect(await page.evaluate<string>('document.activeElement.id')).toBe('main');

      await banner()
        .getByRole('link', { name: t('header.register') })
        .click();
      await heading(page, t('register.title'));
      await expectNoSeriousA11yViolations(page);
      await page.getByLabel(t('auth.displayName')).fill(name);
      await page.getByLabel(t('auth.email')).fill(email);
      await page.getByLabel(t('auth.password')).fill(password);
      await shot('2-register');
      await page.getByRole('button', { name: t('register.submit') }).click();

      await account(t).waitFor();
      expect(await account(t).textContent()).toBe(name);
      await expectNoSeriousA11yViolations(page);
      await shot('3-signed-in');

      // The access token lived in memory only: a reload restores the session from the refresh token.
      await page.reload();
      await account(t).waitFor();
      expect(await storedRefreshToken(page)).toBeTruthy();

      // The switch changes the language at once, and the choice outlives a reload.
      await page.getByRole('button', { name: t('language.switchTo') }).click();
      await heading(page, next('events.title'));
      await account(next).waitFor();
      expect(await pageLanguage(page)).toBe(other(locale));
      await page.reload();
      await heading(page, next('events.title'));

      await account(next).click();
      await heading(page, next('account.title'));
      await expect.poll(() => page.getByRole('definition').filter({ hasText: name }).count()).toBe(1);
      await expectNoSeriousA11yViolations(page);
      await shot('4-account');

      await page.getByRole('button', { name: next('account.signOut') }).click();
      await banner()
        .getByRole('link', { name: next('header.signIn') })
        .waitFor();
      expect(await storedRefreshToken(page)).toBeNull();
      await page.reload();
      await banner()
        .getByRole('link', { name: next('header.signIn') })
        .waitFor();
      expect(await account(next).count()).toBe(0);
      await shot('5-signed-out');

      // A page of one's own asks to sign in, says why a sign-in failed, and comes back after it.
      await page
        .getByRole('navigation')
        .getByRole('link', { name: next('nav.tickets') })
        .click();
      await heading(page, next('auth.required.title'));
      await expectNoSeriousA11yViolations(page);
      await shot('6-sign-in-required');
      await page
        .getByRole('main')
        .getByRole('link', { name: next('header.signIn') })
        .click();
      await heading(page, next('login.title'));
      await page.getByLabel(next('auth.email')).fill(email);
      await page.getByLabel(next('auth.password')).fill('not the password');
      await page.getByRole('button', { name: next('login.submit') }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain(next('error.INVALID_CREDENTIALS'));
      await expectNoSeriousA11yViolations(page);
      await shot('7-login-refused');
      await page.getByLabel(next('auth.password')).fill(password);
      await page.getByRole('button', { name: next('login.submit') }).click();
      await heading(page, next('tickets.title'));
      await account(next).waitFor();
    },
  );
});
