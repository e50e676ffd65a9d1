import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { OrderStatus, OrganizerEventOrdersQuery } from '@/__generated__/graphql';
import { ErrorAlert } from '@/components/error-alert';
import { formatDateTime, formatMoney, useI18n } from '@/lib/i18n';
import { useEventOrders } from '../api/event-orders';
import { formatCount } from '../format';
import { useEventContext } from './event-layout';
import { SelectField } from './fields';
import { orderStatusKey, StatusBadge } from './status-badge';

export const ORDER_STATUSES: readonly OrderStatus[] = ['RESERVED', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'EXPIRED', 'CANCELLED'];
const statusFrom = (value: string | null): OrderStatus | undefined => ORDER_STATUSES.find((status) => status === value);

/**
 * /organizer/events/:id/orders: the event's orders, newest first, in one status or all (`?status=`),
 * a page at a time. The cursors of the pages already seen are kept, so "Previous" goes back.
 */
export function EventOrdersPage() {
  const { t } = useI18n();
  const { event } = useEventContext();
  const [params, setParams] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors[cursors.length - 1];
  const { data, loading, error } = useEventOrders(event.id, status, after);
  const page = data?.event?.orders;

  const chooseStatus = (value: string) => {
    setCursors([]);
    setParams(value ? { status: value } : {}, { replace: true });
  };

  return (
    <section aria-labelledby="org-orders-heading">
      <h2 id="org-orders-heading">{t('organizer.section.orders')}</h2>
      <div className="org-toolbar">
        <SelectField label={t('organizer.orders.status')} value={status ?? ''} onChange={(e) => chooseStatus(e.target.value)}>
          <option value="">{t('organizer.orders.allStatuses')}</option>
          {ORDER_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(orderStatusKey(value))}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert error={error} />
      {!page ? (
        loading && <p className="placeholder">{t('app.loading')}</p>
      ) : page.edges.length === 0 ? (
        <p className="placeholder">{status ? t('organizer.orders.noneInStatus') : t('organizer.orders.none')}</p>
      ) : (
        <OrdersTable orders={page.edges.map((edge) => edge.node)} />
      )}
      {(cursors.length > 0 || page?.pageInfo.hasNextPage) && (
        <nav className="org-pager" aria-label={t('organizer.orders.pages')}>
          <button type="button" className="button" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('organizer.orders.previous')}
          </button>
          <span>{t('organizer.orders.page', { n: cursors.length + 1 })}</span>
          <button
            type="button"
            className="button"
            disabled={!page?.pageInfo.hasNextPage || !page.pageInfo.endCursor}
            onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor!])}
          >
            {t('organizer.orders.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

type OrderRow = NonNullable<OrganizerEventOrdersQuery['event']>['orders']['edges'][number]['node'];

function OrdersTable({ orders }: { orders: readonly OrderRow[] }) {
  const { t, locale } = useI18n();
  return (
    <div className="org-table-wrap">
      <table className="org-table" aria-labelledby="org-orders-heading">
        <thead>
          <tr>
            <th scope="col">{t('organizer.orders.number')}</th>
            <th scope="col">{t('organizer.orders.buyer')}</th>
            <th scope="col" className="num">
              {t('organizer.orders.tickets')}
            </th>
            <th scope="col" className="num">
              {t('organizer.orders.total')}
            </th>
            <th scope="col">{t('organizer.orders.statusColumn')}</th>
            <th scope="col">{t('organizer.orders.placed')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id}>
              <th scope="row" data-label={t('organizer.orders.number')}>
                <Link to={order.id}>{order.number}</Link>
              </th>
              <td data-label={t('organizer.orders.buyer')}>{order.buyer.displayName}</td>
              <td className="num" data-label={t('organizer.orders.tickets')}>
                {formatCount(
                  order.lines.reduce((sum, line) => sum + line.quantity, 0),
                  locale,
                )}
              </td>
              <td className="num" data-label={t('organizer.orders.total')}>
                {formatMoney(order.totalCents, order.currency, locale)}
              </td>
              <td data-label={t('organizer.orders.statusColumn')}>
                <StatusBadge status={order.status} label={t(orderStatusKey(order.status))} />
              </td>
              <td data-label={t('organizer.orders.placed')}>{formatDateTime(order.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
