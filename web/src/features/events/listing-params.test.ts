import { describe, expect, it } from 'vitest';
import { hasFilters, readListingParams, toEventFilter, writeListingParams } from './listing-params';

describe('readListingParams and writeListingParams', () => {
  it('round-trip the filters through the address bar, leaving out empty ones', () => {
    const listing = { search: 'jazz night', categoryId: 'c1', from: '2026-05-01', to: '' };
    const params = writeListingParams(listing);
    expect(params.toString()).toBe('q=jazz+night&category=c1&from=2026-05-01');
    expect(readListingParams(params)).toEqual(listing);
  });

  it('ignores days that are not YYYY-MM-DD and cuts a search to the API’s 200 characters', () => {
    const listing = readListingParams(new URLSearchParams({ from: 'yesterday', to: '2026-5-1', q: 'x'.repeat(300) }));
    expect(listing.from).toBe('');
    expect(listing.to).toBe('');
    expect(listing.search).toHaveLength(200);
  });

  it('knows when any filter is set', () => {
    expect(hasFilters({ search: '  ', categoryId: '', from: '', to: '' })).toBe(false);
    expect(hasFilters({ search: '', categoryId: '', from: '', to: '2026-05-01' })).toBe(true);
  });
});

describe('toEventFilter', () => {
  it('is undefined when nothing is filtered', () => {
    expect(toEventFilter({ search: ' ', categoryId: '', from: '', to: '' })).toBeUndefined();
  });

  it('covers whole local days: from the first day’s midnight to the midnight after the last', () => {
    const filter = toEventFilter({ search: ' jazz ', categoryId: 'c1', from: '2026-05-01', to: '2026-05-03' })!;
    expect(filter.search).toBe('jazz');
    expect(filter.categoryId).toBe('c1');
    expect(new Date(filter.from as string).getTime()).toBe(new Date(2026, 4, 1).getTime());
    expect(new Date(filter.to as string).getTime()).toBe(new Date(2026, 4, 4).getTime());
  });
});
