import { readFileSync } from 'node:fs';
import { ErrorCode } from '@sbor/core';
import { describe, expect, it } from 'vitest';
import { en } from './messages.en';
import { ru } from './messages.ru';
import { LOCALES, MESSAGES } from './translate';

/** The codes docs/api.md promises clients: the first column of its errors table. */
const documentedCodes = () =>
  [...readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]!);

describe('the message files', () => {
  it('have the same keys in Russian and English', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(LOCALES)('give every API error code a sentence in %s (packages/core ErrorCode and docs/api.md)', (locale) => {
    const codes = new Set([...Object.values(ErrorCode), ...documentedCodes()]);
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes].filter((code) => !(`error.${code}` in MESSAGES[locale]));
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)('have no empty message and every plural form %s needs', (locale) => {
    const forms = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [key, message] of Object.entries(MESSAGES[locale])) {
      if (typeof message === 'string') {
        expect(message.trim(), key).not.toBe('');
      } else {
        for (const form of forms) expect(message[form], `${key}.${form}`).toBeTruthy();
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (message: unknown) => [...new Set(JSON.stringify(message).match(/\{\w+\}/g) ?? [])].sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
  });
});
