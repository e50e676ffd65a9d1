import { formatDateTime, formatMoney, useI18n } from '@/lib/i18n';
import { isOpen, type OrganizerTicketType } from '../api/event';
import { formatCount, formatDateRange } from '../format';
import { useEventContext } from './event-layout';
import { TicketTypeForm } from './ticket-type-form';

/** /organizer/events/:id/ticket-types: what is on offer and how it sells, and a form for a new type. */
export function TicketTypesPage() {
  const { t } = useI18n();
  const { event } = useEventContext();
  return (
    <>
      <section aria-labelledby="org-types-heading">
        <h2 id="org-types-heading">{t('organizer.section.ticketTypes')}</h2>
        {event.ticketTypes.length === 0 ? (
          <p className="placeholder">{t('organizer.ticketTypes.none')}</p>
        ) : (
          <TicketTypesTable types={event.ticketTypes} />
        )}
      </section>
      {isOpen(event) && (
        <section aria-labelledby="org-new-type-heading" className="org-section">
          <h2 id="org-new-type-heading">{t('organizer.ticketType.add')}</h2>
          <TicketTypeForm event={event} />
        </section>
      )}
    </>
  );
}

function TicketTypesTable({ types }: { types: readonly OrganizerTicketType[] }) {
  const { t, locale } = useI18n();
  return (
    <div className="org-table-wrap">
      <table className="org-table" aria-labelledby="org-types-heading">
        <thead>
          <tr>
            <th scope="col">{t('organizer.ticketTypes.name')}</th>
            <th scope="col">{t('organizer.ticketTypes.price')}</th>
            <th scope="col" className="num">
              {t('organizer.ticketTypes.sold')}
            </th>
            <th scope="col" className="num">
              {t('organizer.ticketTypes.held')}
            </th>
            <th scope="col" className="num">
              {t('organizer.ticketTypes.available')}
            </th>
            <th scope="col">{t('organizer.ticketTypes.window')}</th>
          </tr>
        </thead>
        <tbody>
          {types.map((type) => (
            <tr key={type.id}>
              <th scope="row" data-label={t('organizer.ticketTypes.name')}>
                {type.name}
                {type.hidden && <span className="org-tag">{t('organizer.ticketTypes.hidden')}</span>}
                {type.maxPerUser != null && (
                  <span className="org-sub">{t('organizer.ticketTypes.maxPerUser', { count: type.maxPerUser })}</span>
                )}
              </th>
              <td data-label={t('organizer.ticketTypes.price')}>
                {type.priceCents === 0 ? t('organizer.ticketTypes.free') : formatMoney(type.priceCents, type.currency, locale)}
              </td>
              <td className="num" data-label={t('organizer.ticketTypes.sold')}>
                {formatCount(type.sold, locale)}
              </td>
              <td className="num" data-label={t('organizer.ticketTypes.held')}>
                {formatCount(type.held, locale)}
              </td>
              <td className="num" data-label={t('organizer.ticketTypes.available')}>
                {t('organizer.ticketTypes.ofQuantity', {
                  available: formatCount(type.available, locale),
                  quantity: formatCount(type.quantity, locale),
                })}
              </td>
              <td data-label={t('organizer.ticketTypes.window')}>
                <span title={`${formatDateTime(type.salesStart, locale)} – ${formatDateTime(type.salesEnd, locale)}`}>
                  {formatDateRange(type.salesStart, type.salesEnd, locale)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
