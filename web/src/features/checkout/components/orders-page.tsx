import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import { StatusBadge } from '@/components/status-badge';
import '@/components/ui.css';
import { formatDateTime, formatMoney, useI18n } from '@/lib/i18n';
import { useMyOrders } from '../api/my-orders';
import { ORDER_STATUS } from '../order-status';
import { WaitingListSection } from './waiting-list-section';
import './checkout.css';

/** `/orders`: the signed-in person's orders, newest first, each with its status. */
export function OrdersPage() {
  const { t, locale } = useI18n();
  const { orders, hasMore, loading, error, loadMore, retry } = useMyOrders();

  return (
    <Page title={t('orders.title')}>
      <WaitingListSection />
      {error && !orders && (
        <>
          <ErrorAlert error={error} />
          <button className="button" type="button" onClick={() => void retry()}>
            {t('events.retry')}
          </button>
        </>
      )}
      {!orders && loading && <p className="muted">{t('app.loading')}</p>}
      {orders && orders.length === 0 && (
        <div className="card">
          <p>{t('checkout.orders.empty')}</p>
          <Link to="/">{t('notFound.home')}</Link>
        </div>
      )}
      {orders && orders.length > 0 && (
        <ul className="order-list">
          {orders.map((order) => {
            const status = ORDER_STATUS[order.status];
            const count = order.lines.reduce((sum, line) => sum + line.quantity, 0);
            return (
              <li key={order.id} className="card order-row">
                <h2>
                  <Link to={`/orders/${order.id}`}>{order.event.title}</Link>
                </h2>
                <p className="muted">
                  {t('checkout.orders.summary', { number: order.number, count, date: formatDateTime(order.createdAt, locale) })}
                </p>
                <div className="order-side">
                  <StatusBadge tone={status.tone}>{t(status.label)}</StatusBadge>
                  <span>{formatMoney(order.totalCents, order.currency, locale)}</span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {orders && hasMore && (
        <div className="load-more">
          <button className="button" type="button" disabled={loading} onClick={() => void loadMore()}>
            {loading ? t('app.loading') : t('checkout.orders.more')}
          </button>
        </div>
      )}
      {error && orders && <ErrorAlert error={error} />}
    </Page>
  );
}
