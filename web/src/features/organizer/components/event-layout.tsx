import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useOutletContext, useParams } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { useI18n, type MessageKey } from '@/lib/i18n';
import { useSessionState } from '@/lib/session';
import { useOrganizerEvent, type OrganizerEvent } from '../api/event';
import { formatDateRange } from '../format';
import { CancelEventDialog } from './cancel-event-dialog';
import { OrganizerNotFound } from './organizer-not-found';
import { PublishEventDialog } from './publish-event-dialog';
import { eventStatusKey, StatusBadge } from './status-badge';

interface EventContext {
  event: OrganizerEvent;
}

/** The event the management pages below the layout work on. */
export const useEventContext = () => useOutletContext<EventContext>();

const SECTIONS: { to: string; label: MessageKey }[] = [
  { to: '', label: 'organizer.section.details' },
  { to: 'schedule', label: 'organizer.section.schedule' },
  { to: 'ticket-types', label: 'organizer.section.ticketTypes' },
  { to: 'questions', label: 'organizer.section.questions' },
  { to: 'orders', label: 'organizer.section.orders' },
  { to: 'vouchers', label: 'organizer.section.vouchers' },
  { to: 'door', label: 'organizer.section.door' },
  { to: 'sales', label: 'organizer.section.sales' },
];

/**
 * /organizer/events/:eventId/*: the event's name, status and dates, what can be done to it now
 * (publish a draft, cancel a published event), and its sections.
 */
export function EventLayout() {
  const { t, locale } = useI18n();
  const { eventId = '' } = useParams();
  const session = useSessionState();
  const { data, loading, error } = useOrganizerEvent(eventId);
  const [dialog, setDialog] = useState<'publish' | 'cancel' | undefined>();
  const section = useSectionName();
  const event = data?.event;
  const own = event && session.status === 'signed-in' && event.organizer.id === session.claims.userId;

  useEffect(() => {
    if (event) document.title = `${t(section)} · ${event.title} · ${t('app.name')}`;
  }, [event, section, t]);

  if (!data) {
    if (loading) return <p className="placeholder">{t('app.loading')}</p>;
    return (
      <div className="page">
        <ErrorAlert error={error} />
      </div>
    );
  }
  if (!event || !own) return <OrganizerNotFound title={t('organizer.notFound.event')} />;

  return (
    <div className="page org-event">
      <p className="org-back">
        <Link to="/organizer">{t('organizer.backToEvents')}</Link>
      </p>
      <div className="org-event-head">
        <div>
          <h1>{event.title}</h1>
          <p className="org-meta">
            <StatusBadge status={event.status} label={t(eventStatusKey(event.status))} />{' '}
            {formatDateRange(event.startsAt, event.endsAt, locale)} · {event.venue}
          </p>
        </div>
        <div className="org-actions">
          {event.status === 'DRAFT' && (
            <button type="button" className="button primary" onClick={() => setDialog('publish')}>
              {t('organizer.publish.open')}
            </button>
          )}
          {event.status === 'PUBLISHED' && (
            <>
              <Link className="button" to={`/events/${event.id}`}>
                {t('organizer.event.publicPage')}
              </Link>
              <button type="button" className="button danger" onClick={() => setDialog('cancel')}>
                {t('organizer.cancel.open')}
              </button>
            </>
          )}
        </div>
      </div>
      <nav className="org-tabs" aria-label={t('organizer.section.label')}>
        <ul>
          {SECTIONS.map((item) => (
            <li key={item.to}>
              {/* Only Orders has pages below it (one order), which keep its tab marked. */}
              <NavLink to={item.to} end={item.to !== 'orders'}>
                {t(item.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet context={{ event } satisfies EventContext} />
      <PublishEventDialog event={event} open={dialog === 'publish'} onClose={() => setDialog(undefined)} />
      <CancelEventDialog event={event} open={dialog === 'cancel'} onClose={() => setDialog(undefined)} />
    </div>
  );
}

/** The section the address points at, to name the browser tab. */
function useSectionName(): MessageKey {
  const { pathname } = useLocation();
  const part = /\/organizer\/events\/[^/]+\/([^/]+)/.exec(pathname)?.[1] ?? '';
  return SECTIONS.find((item) => item.to === part)?.label ?? 'organizer.section.details';
}
