import type { Locale } from './translate';

/** The same region-qualified tags as `format.ts`, so ranges read like single dates. */
const TAGS: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };
const toDate = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);

/**
 * A span of time for people, in the reader's zone unless `timeZone` is given: "Sat, 12 May 2026,
 * 19:00–22:00" on one day, both dates when it runs across days. `Intl` drops what repeats.
 */
export function formatDateRange(start: Date | string, end: Date | string, locale: Locale, timeZone?: string): string {
  const format = new Intl.DateTimeFormat(TAGS[locale], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  });
  return format.formatRange(toDate(start), toDate(end));
}

/** A time of day, "19:00", for schedule rows under a date. */
export function formatTimeRange(start: Date | string, end: Date | string, locale: Locale, timeZone?: string): string {
  const format = new Intl.DateTimeFormat(TAGS[locale], { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) });
  return format.formatRange(toDate(start), toDate(end));
}

/** A calendar day with its weekday, "Saturday, 12 May 2026", for grouping schedule rows. */
export function formatDay(date: Date | string, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'full', ...(timeZone ? { timeZone } : {}) }).format(toDate(date));
}

/** The calendar day a moment falls on in the zone, as `YYYY-MM-DD`, for grouping. */
export function dayKey(date: Date | string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(
    toDate(date),
  );
}
