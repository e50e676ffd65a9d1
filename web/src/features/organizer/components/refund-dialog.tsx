import { useRef, useState, type FormEvent } from 'react';
import { FormDialog } from '@/components/form-dialog';
import { ErrorAlert } from '@/components/error-alert';
import { formatMoney, useI18n } from '@/lib/i18n';
import type { OrganizerOrder } from '../api/order';
import { useRefundOrder } from '../api/refund-order';
import { refundableTickets, refundAmountCents, ticketIdsToSend } from '../refund';
import { useFieldError } from '../field-errors';
import { TextAreaField } from './fields';
import { ticketStatusKey } from './status-badge';

interface RefundDialogProps {
  order: OrganizerOrder;
  open: boolean;
  onClose: () => void;
}

/** Refund the whole order or chosen tickets, with a reason, after seeing how much goes back. */
export function RefundDialog({ order, open, onClose }: RefundDialogProps) {
  const { t } = useI18n();
  return (
    <FormDialog open={open} title={t('organizer.refund.title', { number: order.number })} onClose={onClose}>
      <RefundForm order={order} onClose={onClose} />
    </FormDialog>
  );
}

function RefundForm({ order, onClose }: Omit<RefundDialogProps, 'open'>) {
  const { t, locale } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const tickets = refundableTickets(order.tickets);
  const [chosen, setChosen] = useState(() => tickets.map((ticket) => ticket.id));
  const [reason, setReason] = useState('');
  const [refundOrder, { loading, error }] = useRefundOrder();
  const paths = ['ticketIds', 'reason', ...tickets.map((_, i) => `ticketIds.${i}`)];
  const { errorFor, formError } = useFieldError(error, 'refund', paths, formRef);
  const ticketsError = paths
    .filter((path) => path.startsWith('ticketIds'))
    .map(errorFor)
    .find(Boolean);
  const position = new Map(order.tickets.map((ticket, i) => [ticket.id, i + 1]));
  const amount = formatMoney(refundAmountCents(order, chosen), order.currency, locale);

  const toggle = (id: string, on: boolean) => setChosen((current) => (on ? [...current, id] : current.filter((other) => other !== id)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ticketIds = ticketIdsToSend(order, chosen);
    const result = await refundOrder({ variables: { orderId: order.id, ticketIds, reason: reason.trim() || null } }).catch(() => undefined);
    if (result?.data) onClose();
  };

  return (
    <form ref={formRef} className="org-dialog-form" onSubmit={submit}>
      <p>{t('organizer.refund.body')}</p>
      <ErrorAlert error={formError} />
      <fieldset className="org-choices" aria-invalid={ticketsError ? true : undefined}>
        <legend>{t('organizer.refund.tickets')}</legend>
        {tickets.map((ticket) => (
          <label key={ticket.id} className="org-choice">
            <input
              type="checkbox"
              name="ticketIds"
              checked={chosen.includes(ticket.id)}
              onChange={(e) => toggle(ticket.id, e.target.checked)}
            />
            {t('organizer.order.ticket', { n: position.get(ticket.id) ?? 0, type: ticket.ticketType.name })} ·{' '}
            {t(ticketStatusKey(ticket.status))}
          </label>
        ))}
        {ticketsError && <p className="org-field-error">{ticketsError}</p>}
      </fieldset>
      <TextAreaField
        label={t('organizer.refund.reason')}
        hint={t('organizer.refund.reasonHint')}
        name="reason"
        rows={2}
        maxLength={500}
        value={reason}
        error={errorFor('reason')}
        onChange={(e) => setReason(e.target.value)}
      />
      <p className="org-summary" aria-live="polite">
        {t('organizer.refund.summary', { count: chosen.length, amount })}
      </p>
      <div className="form-dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('organizer.refund.keep')}
        </button>
        <button type="submit" className="button danger" disabled={loading || chosen.length === 0}>
          {loading ? t('form.submitting') : t('organizer.refund.confirm', { amount })}
        </button>
      </div>
    </form>
  );
}
