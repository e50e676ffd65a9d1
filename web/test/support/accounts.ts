import type { TestPlatform } from '@sbor/platform';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Translate } from '../../src/lib/i18n/translate';
import { uniqueEmail } from './web-app';

/** Every account the journeys make has this password, so a browser can sign in as it. */
export const PASSWORD = 'correct horse battery';

/** Runs one operation through the router that must succeed, and answers its single root field. */
export async function ok<T>(platform: TestPlatform, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const answer = await platform.gql<Record<string, T>>(query, variables, { token });
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return Object.values(answer.data!)[0]!;
}

/** A new account made through the API (an organizer when asked), with its email and token. */
export async function person(platform: TestPlatform, displayName: string, organizer = false) {
  const email = uniqueEmail('p');
  let { accessToken } = await ok<{ accessToken: string }>(
    platform,
    'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }',
    {
      i: { email, password: PASSWORD, displayName },
    },
  );
  if (organizer)
    accessToken = (await ok<{ accessToken: string }>(platform, 'mutation { becomeOrganizer { accessToken } }', {}, accessToken))
      .accessToken;
  return { email, token: accessToken, displayName };
}

/** Signs in on the login page as a person would, going on to `next`. */
export async function signIn(page: Page, t: Translate, email: string, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel(t('auth.email'), { exact: true }).fill(email);
  await page.getByLabel(t('auth.password'), { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t('login.submit'), exact: true }).click();
}
