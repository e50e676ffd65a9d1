import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { formatDateTime, formatMoney, useI18n } from '@/lib/i18n';
import { useOrder, type OrganizerOrder } from '../api/order';
import { formatCount } from '../format';
import { useEventContext } from './event-layout';
import { MarkPaidDialog } from './mark-paid-dialog';
import { RefundDialog } from './refund-dialog';
import { orderStatusKey, paymentStatusKey, providerKey, StatusBadge, ticketStatusKey } from './status-badge';

/** Orders whose paid tickets can still be refunded. */
const refundable = (order: OrganizerOrder) =>
  (order.status === 'PAID' || order.status === 'PARTIALLY_REFUNDED') && order.tickets.some((ticket) => ticket.status !== 'CANCELLED');
/** An offline payment the organizer can confirm: the transfer arrived, or cash at the door. */
const awaitingOfflinePayment = (order: OrganizerOrder) =>
  order.status === 'RESERVED' && order.payment?.provider === 'OFFLINE' && order.payment.status === 'PENDING';

/** /organizer/events/:id/orders/:orderId: one order's lines, payment, tickets and refunds; refund or mark paid. */
export function EventOrderPage() {
  const { t, locale } = useI18n();
  const { event } = useEventContext();
  const { orderId = '' } = useParams();
  const { data, loading, error } = useOrder(orderId);
  const [dialog, setDialog] = useState<'refund' | 'paid' | undefined>();
  const order = data?.order;

  const back = (
    <p className="org-back">
      <Link to=".." relative="path">
        {t('organizer.order.back')}
      </Link>
    </p>
  );
  if (!data) return loading ? <p className="placeholder">{t('app.loading')}</p> : <ErrorAlert error={error} />;
  if (!order || order.event.id !== event.id) {
    return (
      <section>
        {back}
        <h2>{t('organizer.notFound.order')}</h2>
        <p>{t('organizer.notFound.body')}</p>
      </section>
    );
  }

  const ticketNumber = new Map(order.tickets.map((ticket, i) => [ticket.id, i + 1]));

  return (
    <section aria-labelledby="org-order-heading">
      {back}
      <div className="org-event-head">
        <div>
          <h2 id="org-order-heading">{t('organizer.order.title', { number: order.number })}</h2>
          <p className="org-meta">
            <StatusBadge status={order.status} label={t(orderStatusKey(order.status))} />
          </p>
        </div>
        <div className="org-actions">
          {refundable(order) && (
            <button type="button" className="button danger" onClick={() => setDialog('refund')}>
              {t('organizer.refund.open')}
            </button>
          )}
          {awaitingOfflinePayment(order) && (
            <button type="button" className="button primary" onClick={() => setDialog('paid')}>
              {t('organizer.markPaid.open')}
            </button>
          )}
        </div>
      </div>

      <dl className="facts">
        <dt>{t('organizer.order.buyer')}</dt>
        <dd>
          {order.buyer.displayName}
          {order.buyer.email && <> · {order.buyer.email}</>}
        </dd>
        <dt>{t('organizer.order.placed')}</dt>
        <dd>{formatDateTime(order.createdAt, locale)}</dd>
        {order.expiresAt && (
          <>
            <dt>{t('organizer.order.expires')}</dt>
            <dd>{formatDateTime(order.expiresAt, locale)}</dd>
          </>
        )}
        <dt>{t('organizer.order.total')}</dt>
        <dd>{formatMoney(order.totalCents, order.currency, locale)}</dd>
      </dl>

      <h3>{t('organizer.order.lines')}</h3>
      <div className="org-table-wrap">
        <table className="org-table">
          <thead>
            <tr>
              <th scope="col">{t('organizer.order.ticketType')}</th>
              <th scope="col" className="num">
                {t('organizer.order.quantity')}
              </th>
              <th scope="col" className="num">
                {t('organizer.order.unitPrice')}
              </th>
              <th scope="col" className="num">
                {t('organizer.order.discount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={line.ticketType.id}>
                <th scope="row" data-label={t('organizer.order.ticketType')}>
                  {line.ticketType.name}
                </th>
                <td className="num" data-label={t('organizer.order.quantity')}>
                  {formatCount(line.quantity, locale)}
                </td>
                <td className="num" data-label={t('organizer.order.unitPrice')}>
                  {formatMoney(line.unitPriceCents, order.currency, locale)}
                </td>
                <td className="num" data-label={t('organizer.order.discount')}>
                  {formatMoney(line.discountCents, order.currency, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t('organizer.order.payment')}</h3>
      {order.payment ? (
        <dl className="facts">
          <dt>{t('organizer.order.provider')}</dt>
          <dd>{t(providerKey(order.payment.provider))}</dd>
          <dt>{t('organizer.order.paymentStatus')}</dt>
          <dd>
            <StatusBadge status={order.payment.status} label={t(paymentStatusKey(order.payment.status))} />
          </dd>
          <dt>{t('organizer.order.amount')}</dt>
          <dd>{formatMoney(order.payment.amountCents, order.currency, locale)}</dd>
          <dt>{t('organizer.order.paymentStarted')}</dt>
          <dd>{formatDateTime(order.payment.createdAt, locale)}</dd>
          {order.payment.instructions && (
            <>
              <dt>{t('organizer.order.instructions')}</dt>
              <dd>{order.payment.instructions}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="placeholder">{t('organizer.order.noPayment')}</p>
      )}

      <h3>{t('organizer.order.tickets')}</h3>
      {order.tickets.length === 0 ? (
        <p className="placeholder">{t('organizer.order.noTickets')}</p>
      ) : (
        <ul className="org-list">
          {order.tickets.map((ticket, i) => (
            <li key={ticket.id}>
              <span>{t('organizer.order.ticket', { n: i + 1, type: ticket.ticketType.name })}</span>{' '}
              <StatusBadge status={ticket.status} label={t(ticketStatusKey(ticket.status))} />
              {ticket.checkedInAt && (
                <span className="org-sub">{t('organizer.order.checkedInAt', { time: formatDateTime(ticket.checkedInAt, locale) })}</span>
              )}
              {ticket.attendeeName && <span className="org-sub">{t('tickets.attendee', { name: ticket.attendeeName })}</span>}
              {ticket.answers.length > 0 && (
                <span className="org-sub">
                  {ticket.answers
                    .map(
                      (answer) =>
                        `${answer.label}: ${answer.kind === 'CHECKBOX' ? t(answer.value === 'true' ? 'tickets.answer.yes' : 'tickets.answer.no') : answer.value}`,
                    )
                    .join(' · ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      {order.refunds.length > 0 && (
        <>
          <h3>{t('organizer.order.refunds')}</h3>
          <ul className="org-list">
            {order.refunds.map((refund) => (
              <li key={refund.id}>
                <strong>{formatMoney(refund.amountCents, order.currency, locale)}</strong> ·{' '}
                <StatusBadge status={refund.status} label={t(paymentStatusKey(refund.status))} /> ·{' '}
                {formatDateTime(refund.createdAt, locale)}
                {refund.tickets.length > 0 && (
                  <span className="org-sub">
                    {t('organizer.order.refundedTickets', {
                      list: refund.tickets
                        .map((ticket) => ticketNumber.get(ticket.id) ?? 0)
                        .sort((a, b) => a - b)
                        .join(', '),
                    })}
                  </span>
                )}
                {refund.reason && <span className="org-sub">{t('organizer.order.refundReason', { reason: refund.reason })}</span>}
              </li>
            ))}
          </ul>
        </>
      )}

      <RefundDialog order={order} open={dialog === 'refund'} onClose={() => setDialog(undefined)} />
      <MarkPaidDialog order={order} open={dialog === 'paid'} onClose={() => setDialog(undefined)} />
    </section>
  );
}
