import { useParams } from 'react-router';
import type { EventDetailsQuery } from '@/__generated__/graphql';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import '@/components/ui.css';
import { dayKey, formatDateRange } from '@/lib/i18n/date-range';
import { useI18n } from '@/lib/i18n';
import { useEvent } from '../api/event';
import { EventSchedule } from './event-schedule';
import { TicketPicker } from './ticket-picker';
import './events.css';

type Event = NonNullable<EventDetailsQuery['event']>;

/** `/events/:id`: what, when and where, the programme, and the tickets on offer. */
export function EventPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { event, loading, error, retry, refreshAvailability } = useEvent(id);

  if (event) return <EventDetails event={event} onStale={() => void refreshAvailability()} />;
  if (loading) return <p className="placeholder">{t('app.loading')}</p>;
  if (error) {
    return (
      <Page title={t('event.title')}>
        <ErrorAlert error={error} />
        <button className="button" type="button" onClick={() => void retry()}>
          {t('events.retry')}
        </button>
      </Page>
    );
  }
  return (
    <Page title={t('events.notFound.title')}>
      <p>{t('events.notFound.body')}</p>
    </Page>
  );
}

function EventDetails({ event, onStale }: { event: Event; onStale: () => void }) {
  const { t, locale } = useI18n();
  const paragraphs = event.description.split(/\n\s*\n/).filter((text) => text.trim());
  const multiDay = dayKey(event.startsAt) !== dayKey(event.endsAt);
  return (
    <Page title={event.title}>
      <div className="event-head">
        <dl className="facts">
          <dt>{t('events.when')}</dt>
          <dd>
            <time dateTime={event.startsAt}>{formatDateRange(event.startsAt, event.endsAt, locale)}</time>
          </dd>
          <dt>{t('events.where')}</dt>
          <dd>{event.venue}</dd>
          {event.category && (
            <>
              <dt>{t('events.category')}</dt>
              <dd>{event.category.name}</dd>
            </>
          )}
          <dt>{t('events.organizer')}</dt>
          <dd>{event.organizer.displayName}</dd>
        </dl>
        {event.status === 'CANCELLED' && (
          <div className="notice" role="note">
            <strong>{t('events.cancelled')}</strong>
            {event.cancellationReason && <p>{t('events.cancelledReason', { reason: event.cancellationReason })}</p>}
          </div>
        )}
        {event.status === 'COMPLETED' && (
          <p className="notice" role="note">
            {t('events.completed')}
          </p>
        )}
      </div>
      <div className="event-layout">
        <div className="event-body">
          {paragraphs.length > 0 && (
            <section className="description" aria-labelledby="event-about">
              <h2 id="event-about">{t('events.about')}</h2>
              {paragraphs.map((text, index) => (
                <p key={index} style={{ whiteSpace: 'pre-line' }}>
                  {text.trim()}
                </p>
              ))}
            </section>
          )}
          {event.schedule.length > 0 && <EventSchedule items={event.schedule} multiDay={multiDay} />}
        </div>
        <TicketPicker event={event} onStale={onStale} />
      </div>
    </Page>
  );
}
