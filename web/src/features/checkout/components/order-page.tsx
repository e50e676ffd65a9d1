import { Link, useParams } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import { StatusBadge } from '@/components/status-badge';
import { TicketCard } from '@/components/ticket-card';
import '@/components/ui.css';
import { formatDateRange } from '@/lib/i18n/date-range';
import { formatDateTime, formatMoney, useI18n } from '@/lib/i18n';
import { useOrder, type Order } from '../api/order';
import { ORDER_STATUS } from '../order-status';
import { PaymentPanel } from './payment-panel';
import { TicketAttendee } from '@/components/ticket-attendee';
import './checkout.css';

/** `/orders/:id`: an order's status, lines and total; paying or cancelling while held; its tickets once paid. */
export function OrderPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { order, loading, error, refetch } = useOrder(id);

  if (order) return <OrderView order={order} refetch={refetch} />;
  if (loading) return <p className="placeholder">{t('app.loading')}</p>;
  if (error) {
    return (
      <Page title={t('order.title')}>
        <ErrorAlert error={error} />
        <button className="button" type="button" onClick={() => void refetch()}>
          {t('events.retry')}
        </button>
      </Page>
    );
  }
  return (
    <Page title={t('checkout.notFound.title')}>
      <p>{t('checkout.notFound.body')}</p>
      <Link to="/orders">{t('checkout.backToOrders')}</Link>
    </Page>
  );
}

function OrderView({ order, refetch }: { order: Order; refetch: () => Promise<unknown> }) {
  const { t, locale } = useI18n();
  const status = ORDER_STATUS[order.status];
  const money = (cents: number) => formatMoney(cents, order.currency, locale);
  const issued = order.tickets.length > 0;

  return (
    <Page title={t('checkout.order.title', { number: order.number })}>
      <div className="order-head">
        <StatusBadge tone={status.tone}>{t(status.label)}</StatusBadge>
        <p className="order-event">
          <Link to={`/events/${order.event.id}`}>{order.event.title}</Link>
          <br />
          <span className="muted">
            <time dateTime={order.event.startsAt}>{formatDateRange(order.event.startsAt, order.event.endsAt, locale)}</time> ·{' '}
            {order.event.venue}
          </span>
        </p>
      </div>

      {order.status === 'RESERVED' && <PaymentPanel order={order} refetch={refetch} />}
      {order.status === 'EXPIRED' && (
        <div className="notice" role="status">
          <p>{t('checkout.expired.body')}</p>
          <Link to={`/events/${order.event.id}`}>{t('checkout.expired.again')}</Link>
        </div>
      )}
      {order.status === 'CANCELLED' && (
        <div className="notice" role="status">
          <p>{t('checkout.cancelled.body')}</p>
          <Link to={`/events/${order.event.id}`}>{t('checkout.expired.again')}</Link>
        </div>
      )}

      <section className="card order-summary" aria-labelledby="order-lines">
        <h2 id="order-lines">{t('checkout.lines.title')}</h2>
        <ul className="order-lines">
          {order.lines.map((line) => (
            <li key={line.ticketType.id}>
              <span className="line-name">{line.ticketType.name}</span>
              <span className="line-each muted">
                {t('checkout.lines.each', { count: line.quantity, price: money(line.unitPriceCents) })}
              </span>
              <span className="line-sum">{money(line.quantity * line.unitPriceCents - line.discountCents)}</span>
            </li>
          ))}
        </ul>
        <p className="order-total">
          <span>{t('checkout.total')}</span>
          <span>{money(order.totalCents)}</span>
        </p>
        <p className="muted small">{t('checkout.placed', { date: formatDateTime(order.createdAt, locale) })}</p>
      </section>

      {issued && (
        <section className="order-tickets" aria-labelledby="order-tickets">
          <h2 id="order-tickets">{t('checkout.tickets.title', { count: order.tickets.length })}</h2>
          <p className="muted">{t('checkout.tickets.hint')}</p>
          <ul className="ticket-grid">
            {order.tickets.map((ticket) => (
              <li key={ticket.id}>
                <TicketCard ticket={ticket} title={ticket.ticketType.name}>
                  <TicketAttendee attendeeName={ticket.attendeeName} answers={ticket.answers} />
                </TicketCard>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/tickets">{t('checkout.tickets.all')}</Link>
          </p>
        </section>
      )}

      {order.refunds.length > 0 && (
        <section className="card" aria-labelledby="order-refunds">
          <h2 id="order-refunds">{t('checkout.refunds.title')}</h2>
          <ul className="refunds">
            {order.refunds.map((refund) => (
              <li key={refund.id}>
                <strong>{money(refund.amountCents)}</strong> · {formatDateTime(refund.createdAt, locale)} ·{' '}
                {t(
                  refund.status === 'SUCCEEDED'
                    ? 'checkout.refunds.done'
                    : refund.status === 'PENDING'
                      ? 'checkout.refunds.pending'
                      : 'checkout.refunds.failed',
                )}
                {refund.tickets.length > 0 && (
                  <div className="muted">{t('checkout.refunds.tickets', { count: refund.tickets.length })}</div>
                )}
                {refund.tickets.length === 0 && <div className="muted">{t('checkout.refunds.latePayment')}</div>}
                {refund.reason && <div className="muted">{t('checkout.refunds.reason', { reason: refund.reason })}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
