import { useId, useState, type FormEvent } from 'react';
import { TextField } from '@/components/text-field';
import { useI18n } from '@/lib/i18n';
import { useCategories } from '../api/categories';
import { hasFilters, type ListingParams } from '../listing-params';

interface EventFiltersProps {
  initial: ListingParams;
  onApply: (listing: ListingParams) => void;
}

/** A search landmark: a word, a category and a span of days; applied on submit, kept in the address. */
export function EventFilters({ initial, onApply }: EventFiltersProps) {
  const { t } = useI18n();
  const categories = useCategories();
  const categoryId = useId();
  const [listing, setListing] = useState(initial);
  const set = (name: keyof ListingParams) => (event: { target: { value: string } }) =>
    setListing({ ...listing, [name]: event.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(listing);
  };
  const clear = () => {
    const empty = { search: '', categoryId: '', from: '', to: '' };
    setListing(empty);
    onApply(empty);
  };

  return (
    <form className="filters" role="search" onSubmit={submit} aria-label={t('events.filters.label')}>
      <div className="search-field">
        <TextField
          label={t('events.filters.search')}
          type="search"
          enterKeyHint="search"
          maxLength={200}
          value={listing.search}
          onChange={set('search')}
        />
      </div>
      <div className="field category-field">
        <label htmlFor={categoryId}>{t('events.filters.category')}</label>
        <select id={categoryId} value={listing.categoryId} onChange={set('categoryId')}>
          <option value="">{t('events.filters.anyCategory')}</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
      </div>
      <TextField label={t('events.filters.from')} type="date" value={listing.from} max={listing.to || undefined} onChange={set('from')} />
      <TextField label={t('events.filters.to')} type="date" value={listing.to} min={listing.from || undefined} onChange={set('to')} />
      <div className="button-row">
        <button className="button primary" type="submit">
          {t('events.filters.submit')}
        </button>
        {hasFilters(initial) && (
          <button className="button" type="button" onClick={clear}>
            {t('events.filters.clear')}
          </button>
        )}
      </div>
    </form>
  );
}
