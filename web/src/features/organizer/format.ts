import type { Locale } from '@/lib/i18n';

const TAGS: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };

/** "12 May 2026, 19:00 – 22:00", or both dates when it spans days; in the reader's zone. */
export function formatDateRange(start: string, end: string, locale: Locale): string {
  const format = new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeStyle: 'short' });
  return format.formatRange(new Date(start), new Date(end));
}

/** A time of day with seconds, for "updated at". */
export function formatTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { timeStyle: 'medium' }).format(date);
}

/** A count as the locale writes it: 1 500 / 1,500. */
export function formatCount(count: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale]).format(count);
}

/** Every ISO 4217 currency the browser knows, named in the reader's language: "EUR · Euro". */
export function currencyOptions(locale: Locale): { code: string; label: string }[] {
  const names = new Intl.DisplayNames([TAGS[locale]], { type: 'currency' });
  return Intl.supportedValuesOf('currency').map((code) => ({ code, label: `${code} · ${names.of(code) ?? code}` }));
}
