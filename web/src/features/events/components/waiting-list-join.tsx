import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { useI18n } from '@/lib/i18n';
import { useJoinWaitingList, useMyWaitingList } from '@/lib/api/waiting-list';

const MAX_WAITING = 10;

/**
 * Under a sold-out ticket type: how many tickets to wait for, and "Join the waiting list"; once on
 * it, the place in line. Tickets that come back are offered in arrival order, as a hold to pay.
 */
export function WaitingListJoin({
  ticketTypeId,
  typeName,
  maxPerUser,
}: {
  ticketTypeId: string;
  typeName: string;
  maxPerUser: number | null;
}) {
  const { t } = useI18n();
  const id = useId();
  const [quantity, setQuantity] = useState(1);
  const { data } = useMyWaitingList();
  const [join, { loading, error }] = useJoinWaitingList();
  const entry = data?.myWaitingList.find((e) => e.ticketType.id === ticketTypeId && (e.status === 'WAITING' || e.status === 'OFFERED'));
  if (entry) {
    return (
      <p className="waiting-note" role="status">
        {entry.status === 'OFFERED'
          ? t('waitingList.offeredShort')
          : t('waitingList.inLine', { position: entry.position ?? 1, count: entry.quantity })}{' '}
        <Link to="/orders">{t('waitingList.see')}</Link>
      </p>
    );
  }
  const most = Math.min(MAX_WAITING, maxPerUser ?? MAX_WAITING);
  return (
    <div className="waiting-join">
      <label htmlFor={id}>{t('waitingList.howMany', { name: typeName })}</label>
      <select id={id} value={quantity} onChange={(e) => setQuantity(Number(e.target.value))}>
        {Array.from({ length: most }, (_, n) => n + 1).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        disabled={loading}
        onClick={() => void join({ variables: { ticketTypeId, quantity } }).catch(() => undefined)}
      >
        {loading ? t('form.submitting') : t('waitingList.join')}
      </button>
      <ErrorAlert error={error} />
    </div>
  );
}
