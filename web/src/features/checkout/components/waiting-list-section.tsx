import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { StatusBadge } from '@/components/status-badge';
import { formatDateTime, useI18n } from '@/lib/i18n';
import { useLeaveWaitingList, useMyWaitingList, type WaitingListEntry } from '@/lib/api/waiting-list';

const TONES = { WAITING: 'waiting', OFFERED: 'waiting', ACCEPTED: 'good', EXPIRED: 'neutral', LEFT: 'neutral' } as const;

/**
 * On `/orders`, above the orders: the user's waiting-list entries still in play, with their place
 * in line, or the offer to pay for before it passes on. Nothing when there are none.
 */
export function WaitingListSection() {
  const { t } = useI18n();
  const { data, error } = useMyWaitingList();
  const [leave, left] = useLeaveWaitingList();
  const entries = data?.myWaitingList.filter((entry) => entry.status === 'WAITING' || entry.status === 'OFFERED') ?? [];
  if (entries.length === 0 && !error) return null;
  return (
    <section aria-labelledby="waiting-list-heading" className="waiting-list">
      <h2 id="waiting-list-heading">{t('waitingList.title')}</h2>
      <ErrorAlert error={error ?? left.error} />
      <ul className="order-list">
        {entries.map((entry) => (
          <Entry
            key={entry.id}
            entry={entry}
            leaving={left.loading}
            onLeave={() => void leave({ variables: { id: entry.id } }).catch(() => undefined)}
          />
        ))}
      </ul>
    </section>
  );
}

function Entry({ entry, leaving, onLeave }: { entry: WaitingListEntry; leaving: boolean; onLeave: () => void }) {
  const { t, locale } = useI18n();
  const event = entry.ticketType.event;
  return (
    <li className="card order-row">
      <h3>
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </h3>
      <p className="muted">{t('waitingList.what', { name: entry.ticketType.name, count: entry.quantity })}</p>
      {entry.status === 'OFFERED' && entry.order ? (
        <p>
          {t('waitingList.offered', { date: formatDateTime(entry.offerExpiresAt ?? entry.createdAt, locale) })}{' '}
          <Link className="button primary" to={`/orders/${entry.order.id}`}>
            {t('waitingList.pay')}
          </Link>
        </p>
      ) : (
        <p>{t('waitingList.position', { position: entry.position ?? 1 })}</p>
      )}
      <div className="order-side">
        <StatusBadge tone={TONES[entry.status]}>{t(`waitingList.status.${entry.status}`)}</StatusBadge>
        <button type="button" className="button" disabled={leaving} onClick={onLeave}>
          {entry.status === 'OFFERED' ? t('waitingList.decline') : t('waitingList.leave')}
        </button>
      </div>
    </li>
  );
}
