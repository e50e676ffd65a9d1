import { describe, expect, it } from 'vitest';
import { createTranslator, detectLocale } from './translate';

describe('detectLocale', () => {
  it('picks Russian for any ru* browser language', () => {
    expect(detectLocale(['ru'])).toBe('ru');
    expect(detectLocale(['ru-RU', 'en'])).toBe('ru');
    expect(detectLocale(['RU-ua'])).toBe('ru');
  });

  it('picks English for everything else, by the first language only', () => {
    expect(detectLocale(['en-US', 'ru'])).toBe('en');
    expect(detectLocale(['de'])).toBe('en');
    expect(detectLocale(['rus'])).toBe('en');
    expect(detectLocale([])).toBe('en');
  });
});

describe('createTranslator', () => {
  it('fills placeholders', () => {
    expect(createTranslator('en')('header.account', { name: 'Ann' })).toBe('Account: Ann');
    expect(createTranslator('ru')('header.account', { name: 'Аня' })).toBe('Профиль: Аня');
  });

  it('picks the plural form the language needs', () => {
    const ru = createTranslator('ru');
    expect(ru('error.RATE_LIMITED_FOR', { count: 1 })).toContain('1 секунду');
    expect(ru('error.RATE_LIMITED_FOR', { count: 3 })).toContain('3 секунды');
    expect(ru('error.RATE_LIMITED_FOR', { count: 25 })).toContain('25 секунд.');
    const en = createTranslator('en');
    expect(en('error.RATE_LIMITED_FOR', { count: 1 })).toContain('1 second.');
    expect(en('error.RATE_LIMITED_FOR', { count: 30 })).toContain('30 seconds.');
  });
});
