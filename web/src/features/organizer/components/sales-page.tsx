import { NetworkStatus } from '@apollo/client';
import { useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { formatMoney, useI18n, type MessageKey } from '@/lib/i18n';
import { SALES_REFRESH_MS, useSalesStats } from '../api/sales-stats';
import { formatCount, formatTime } from '../format';
import { useEventContext } from './event-layout';

/**
 * /organizer/events/:id/sales: sold, held, paid, refunded and checked-in tickets, and revenue per
 * currency, per type and in all. Asked again every few seconds while the page is open, so a sale
 * made anywhere shows without a reload.
 */
export function SalesPage() {
  const { t, locale } = useI18n();
  const { event } = useEventContext();
  const { data, error, networkStatus } = useSalesStats(event.id);
  const stats = data?.event?.salesStats;
  const updatedAt = useUpdatedAt(networkStatus);

  const totals: { label: MessageKey; value: number }[] = stats
    ? [
        { label: 'organizer.sales.sold', value: stats.totalSold },
        { label: 'organizer.sales.held', value: stats.held },
        { label: 'organizer.sales.paid', value: stats.paid },
        { label: 'organizer.sales.refunded', value: stats.refunded },
        { label: 'organizer.sales.checkedIn', value: stats.checkedIn },
        { label: 'organizer.sales.cancelled', value: stats.cancelled },
      ]
    : [];

  return (
    <section aria-labelledby="org-sales-heading">
      <h2 id="org-sales-heading">{t('organizer.section.sales')}</h2>
      <p className="org-meta">
        {t('organizer.sales.refreshing', { count: SALES_REFRESH_MS / 1000 })}
        {updatedAt && <> {t('organizer.sales.updatedAt', { time: formatTime(updatedAt, locale) })}</>}
      </p>
      {/* A failed refresh keeps the last figures, and says so. */}
      <ErrorAlert error={error} />
      {!stats ? (
        !error && <p className="placeholder">{t('app.loading')}</p>
      ) : (
        <>
          <dl className="org-stats">
            {totals.map((total) => (
              <div key={total.label} className="org-stat">
                <dt>{t(total.label)}</dt>
                <dd>{formatCount(total.value, locale)}</dd>
              </div>
            ))}
            <div className="org-stat org-stat-wide">
              <dt>{t('organizer.sales.revenue')}</dt>
              <dd>
                {stats.revenue.length === 0
                  ? formatCount(0, locale)
                  : stats.revenue.map((revenue) => formatMoney(revenue.amountCents, revenue.currency, locale)).join(' · ')}
              </dd>
            </div>
          </dl>

          <h3 id="org-sales-by-type">{t('organizer.sales.byType')}</h3>
          {stats.byType.length === 0 ? (
            <p className="placeholder">{t('organizer.ticketTypes.none')}</p>
          ) : (
            <div className="org-table-wrap">
              <table className="org-table" aria-labelledby="org-sales-by-type">
                <thead>
                  <tr>
                    <th scope="col">{t('organizer.ticketTypes.name')}</th>
                    <th scope="col" className="num">
                      {t('organizer.sales.sold')}
                    </th>
                    <th scope="col" className="num">
                      {t('organizer.sales.held')}
                    </th>
                    <th scope="col" className="num">
                      {t('organizer.sales.paid')}
                    </th>
                    <th scope="col" className="num">
                      {t('organizer.sales.refunded')}
                    </th>
                    <th scope="col" className="num">
                      {t('organizer.sales.checkedIn')}
                    </th>
                    <th scope="col" className="num">
                      {t('organizer.sales.left')}
                    </th>
                    <th scope="col" className="num">
                      {t('organizer.sales.revenue')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.byType.map((row) => (
                    <tr key={row.ticketType.id}>
                      <th scope="row" data-label={t('organizer.ticketTypes.name')}>
                        {row.ticketType.name}
                      </th>
                      <td className="num" data-label={t('organizer.sales.sold')}>
                        {formatCount(row.sold, locale)}
                      </td>
                      <td className="num" data-label={t('organizer.sales.held')}>
                        {formatCount(row.held, locale)}
                      </td>
                      <td className="num" data-label={t('organizer.sales.paid')}>
                        {formatCount(row.paid, locale)}
                      </td>
                      <td className="num" data-label={t('organizer.sales.refunded')}>
                        {formatCount(row.refunded, locale)}
                      </td>
                      <td className="num" data-label={t('organizer.sales.checkedIn')}>
                        {formatCount(row.checkedIn, locale)}
                      </td>
                      <td className="num" data-label={t('organizer.sales.left')}>
                        {t('organizer.ticketTypes.ofQuantity', {
                          available: formatCount(row.ticketType.available, locale),
                          quantity: formatCount(row.ticketType.quantity, locale),
                        })}
                      </td>
                      <td className="num" data-label={t('organizer.sales.revenue')}>
                        {formatMoney(row.revenueCents, row.currency, locale)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/**
 * When the figures last arrived: each poll goes from "polling" back to "ready", even when nothing
 * changed. Noted while rendering, as React advises for state that follows a prop's changes.
 */
function useUpdatedAt(networkStatus: NetworkStatus): Date | undefined {
  const [seen, setSeen] = useState<{ status: NetworkStatus; at?: Date }>({ status: networkStatus });
  if (seen.status !== networkStatus) {
    setSeen({ status: networkStatus, at: networkStatus === NetworkStatus.ready ? new Date() : seen.at });
  }
  return seen.at;
}
