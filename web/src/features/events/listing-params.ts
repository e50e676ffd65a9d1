import type { EventFilter } from '@/__generated__/graphql';

/** What the event list is filtered by, as the address bar keeps it (`?q=jazz&category=…&from=2026-05-01`). */
export interface ListingParams {
  search: string;
  categoryId: string;
  /** A calendar day, `YYYY-MM-DD`, in the reader's own zone; empty for none. */
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string | null) => (value && DAY.test(value) ? value : '');

export function readListingParams(params: URLSearchParams): ListingParams {
  return {
    search: (params.get('q') ?? '').slice(0, 200),
    categoryId: params.get('category') ?? '',
    from: day(params.get('from')),
    to: day(params.get('to')),
  };
}

export function writeListingParams(listing: ListingParams): URLSearchParams {
  const params = new URLSearchParams();
  if (listing.search.trim()) params.set('q', listing.search.trim());
  if (listing.categoryId) params.set('category', listing.categoryId);
  if (listing.from) params.set('from', listing.from);
  if (listing.to) params.set('to', listing.to);
  return params;
}

export const hasFilters = (listing: ListingParams) => Boolean(listing.search.trim() || listing.categoryId || listing.from || listing.to);

/** Local midnight at the start of `YYYY-MM-DD`, `days` later. */
function startOfDay(value: string, days = 0): Date {
  const [year, month, date] = value.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + days);
}

/**
 * The API's filter: events starting from the first day's start up to the end of the last day (the
 * API's `to` is exclusive, so it is the next day's midnight). Both days are the reader's own.
 */
export function toEventFilter(listing: ListingParams): EventFilter | undefined {
  const filter: EventFilter = {};
  if (listing.search.trim()) filter.search = listing.search.trim();
  if (listing.categoryId) filter.categoryId = listing.categoryId;
  if (listing.from) filter.from = startOfDay(listing.from).toISOString();
  if (listing.to) filter.to = startOfDay(listing.to, 1).toISOString();
  return Object.keys(filter).length > 0 ? filter : undefined;
}
