import type { Locale } from '@/lib/i18n/translate';

const TAGS: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };

/** A check-in's time as the door reads it: "19:02" today (the usual case), "12 May, 19:02" otherwise. */
export function formatScanTime(iso: string, locale: Locale, now = new Date()): string {
  const date = new Date(iso);
  const today = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(
    TAGS[locale],
    today ? { timeStyle: 'short' } : { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' },
  ).format(date);
}
