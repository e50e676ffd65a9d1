import { Link, useSearchParams } from 'react-router';
import type { EventStatus } from '@/__generated__/graphql';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import { useI18n } from '@/lib/i18n';
import { useMyEvents } from '../api/my-events';
import { formatDateRange } from '../format';
import { eventStatusKey, StatusBadge } from './status-badge';

const STATUSES: readonly EventStatus[] = ['DRAFT', 'PUBLISHED', 'CANCELLED', 'COMPLETED'];
const statusFrom = (value: string | null): EventStatus | undefined => STATUSES.find((status) => status === value);

/** /organizer: the organizer's events, filtered by status (`?status=DRAFT`), each opening its management pages. */
export function MyEventsPage() {
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const { data, loading, error } = useMyEvents(status);
  const events = data?.myEvents ?? [];

  const filters: { label: string; status?: EventStatus }[] = [
    { label: t('organizer.myEvents.all') },
    ...STATUSES.map((value) => ({ label: t(`organizer.myEvents.filter.${value}`), status: value })),
  ];

  return (
    <Page title={t('organizer.myEvents.title')}>
      <div className="org-toolbar">
        <nav aria-label={t('organizer.myEvents.filterLabel')} className="org-filters">
          <ul>
            {filters.map((filter) => (
              <li key={filter.label}>
                <Link
                  to={filter.status ? `?status=${filter.status}` : '.'}
                  aria-current={filter.status === status ? 'page' : undefined}
                  className="org-filter"
                >
                  {filter.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Link className="button primary" to="events/new">
          {t('organizer.myEvents.create')}
        </Link>
      </div>
      <ErrorAlert error={error} />
      {loading && !data ? (
        <p className="placeholder">{t('app.loading')}</p>
      ) : events.length === 0 ? (
        <p className="placeholder">{status ? t('organizer.myEvents.noneInStatus') : t('organizer.myEvents.none')}</p>
      ) : (
        <ul className="org-cards">
          {events.map((event) => (
            <li key={event.id} className="org-card">
              <div className="org-card-head">
                <h2>
                  <Link to={`events/${event.id}`}>{event.title}</Link>
                </h2>
                <StatusBadge status={event.status} label={t(eventStatusKey(event.status))} />
              </div>
              <p className="org-meta">{formatDateRange(event.startsAt, event.endsAt, locale)}</p>
              <p className="org-meta">
                {event.venue}
                {event.category && <> · {event.category.name}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
