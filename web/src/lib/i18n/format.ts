import type { Locale } from './translate';

/** BCP 47 tags with a region, so `Intl` picks the conventions a reader expects. */
const TAGS: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };

/** Money is integer minor units (DESIGN.md): 150000 RUB cents → "1 500,00 ₽" in ru, "RUB 1,500.00" in en. */
export function formatMoney(cents: number, currency: string, locale: Locale): string {
  const format = new Intl.NumberFormat(TAGS[locale], { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(cents / 10 ** digits);
}

/**
 * A date and time for people: "12 May 2026, 19:00" / "12 мая 2026 г., 19:00". `timeZone` is the
 * event's zone when it has one; the reader's own zone otherwise.
 */
export function formatDateTime(date: Date | string, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(
    typeof date === 'string' ? new Date(date) : date,
  );
}
