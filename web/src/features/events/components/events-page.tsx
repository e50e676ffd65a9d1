import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import '@/components/ui.css';
import { useI18n } from '@/lib/i18n';
import { useEventList } from '../api/events';
import { hasFilters, readListingParams, toEventFilter, writeListingParams } from '../listing-params';
import { EventCard } from './event-card';
import { EventFilters } from './event-filters';
import './events.css';

/** `/`: published events, soonest first, with search, filters and "show more". */
export function EventsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const listing = useMemo(() => readListingParams(params), [params]);
  const filter = useMemo(() => toEventFilter(listing), [listing]);
  const { events, hasMore, loading, error, loadMore, retry } = useEventList(filter);
  const filtered = hasFilters(listing);

  return (
    <Page title={t('events.title')}>
      {/* Keyed by the address, so the back button also resets the form to what is listed. */}
      <EventFilters key={params.toString()} initial={listing} onApply={(next) => setParams(writeListingParams(next))} />
      <section aria-labelledby="events-results" aria-busy={loading}>
        <h2 id="events-results" className="sr-only">
          {filtered ? t('events.results.filtered') : t('events.results.all')}
        </h2>
        {error && !events && (
          <>
            <ErrorAlert error={error} />
            <button className="button" type="button" onClick={() => void retry()}>
              {t('events.retry')}
            </button>
          </>
        )}
        {!events && loading && <p className="muted">{t('app.loading')}</p>}
        {events && events.length === 0 && (
          <p className="card" role="status">
            {filtered ? t('events.empty.filtered') : t('events.empty.all')}
          </p>
        )}
        {events && events.length > 0 && (
          <ul className="event-list">
            {events.map((event) => (
              <li key={event.id}>
                <EventCard event={event} />
              </li>
            ))}
          </ul>
        )}
        {events && hasMore && (
          <div className="load-more">
            <button className="button" type="button" disabled={loading} onClick={() => void loadMore()}>
              {loading ? t('app.loading') : t('events.more')}
            </button>
          </div>
        )}
        {error && events && <ErrorAlert error={error} />}
      </section>
    </Page>
  );
}
