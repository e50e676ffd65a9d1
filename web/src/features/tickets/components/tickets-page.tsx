import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import { TicketCard } from '@/components/ticket-card';
import '@/components/ui.css';
import { formatDateRange } from '@/lib/i18n/date-range';
import { errorMessage, formatDateTime, useI18n } from '@/lib/i18n';
import { useSessionState } from '@/lib/session';
import { useMyTickets } from '../api/my-tickets';
import { groupByEvent } from '../group-by-event';
import { TicketAttendee } from '@/components/ticket-attendee';
import './tickets.css';

/** `/tickets`: every ticket, by event, each with a QR code to show at the door; works offline once seen. */
export function TicketsPage() {
  const session = useSessionState();
  const userId = session.status === 'signed-in' ? session.claims.userId : '';
  return <TicketsOf key={userId} userId={userId} />;
}

function TicketsOf({ userId }: { userId: string }) {
  const { t, locale } = useI18n();
  const { tickets, offlineSince, loading, error, retry } = useMyTickets(userId);
  // Offline says it all; any other failure (the server, say) is named.
  const offline = typeof navigator !== 'undefined' && !navigator.onLine;
  // Past and coming events are told apart as of the page's opening.
  const [now] = useState(() => Date.now());
  const groups = tickets ? groupByEvent(tickets, now) : undefined;

  return (
    <Page title={t('tickets.title')}>
      {offlineSince !== undefined && (
        <div className="notice" role="status">
          <p>
            <strong>{t(offline ? 'tickets.offline.title' : 'tickets.stale.title')}</strong>{' '}
            {t('tickets.offline.body', { date: formatDateTime(new Date(offlineSince), locale) })}
          </p>
          {!offline && <p className="muted">{errorMessage(error, t)}</p>}
          <button className="button small" type="button" onClick={() => void retry().catch(() => undefined)}>
            {t('tickets.offline.retry')}
          </button>
        </div>
      )}
      {error && !tickets && (
        <>
          <ErrorAlert error={error} />
          <button className="button" type="button" onClick={() => void retry().catch(() => undefined)}>
            {t('events.retry')}
          </button>
        </>
      )}
      {!tickets && !error && loading && <p className="muted">{t('app.loading')}</p>}
      {groups && groups.length === 0 && (
        <div className="card">
          <p>{t('tickets.empty')}</p>
          <Link to="/">{t('notFound.home')}</Link>
        </div>
      )}
      {groups?.map(({ event, tickets: eventTickets, past }) => (
        <section key={event.id} className={past ? 'ticket-event past' : 'ticket-event'} aria-labelledby={`tickets-${event.id}`}>
          <header className="ticket-event-head">
            <h2 id={`tickets-${event.id}`}>
              <Link to={`/events/${event.id}`}>{event.title}</Link>
            </h2>
            <p className="muted">
              <time dateTime={event.startsAt}>{formatDateRange(event.startsAt, event.endsAt, locale)}</time> · {event.venue}
              {past && ` · ${t('tickets.past')}`}
            </p>
          </header>
          <ul className="ticket-grid">
            {eventTickets.map((ticket) => (
              <li key={ticket.id}>
                <TicketCard ticket={ticket} title={ticket.ticketType.name}>
                  <TicketAttendee attendeeName={ticket.attendeeName} answers={ticket.answers} />
                  {ticket.status === 'USED' && ticket.checkedInAt && (
                    <p className="muted small">{t('tickets.checkedInAt', { date: formatDateTime(ticket.checkedInAt, locale) })}</p>
                  )}
                </TicketCard>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}
