import { FormDialog } from '@/components/form-dialog';
import { ErrorAlert } from '@/components/error-alert';
import { formatMoney, useI18n } from '@/lib/i18n';
import { useMarkOrderPaid } from '../api/mark-order-paid';
import type { OrganizerOrder } from '../api/order';

interface MarkPaidDialogProps {
  order: OrganizerOrder;
  open: boolean;
  onClose: () => void;
}

/** Confirms that an offline payment arrived; the order's tickets are issued at once. */
export function MarkPaidDialog({ order, open, onClose }: MarkPaidDialogProps) {
  const { t, locale } = useI18n();
  const [markOrderPaid, { loading, error, reset }] = useMarkOrderPaid();
  const close = () => {
    if (loading) return;
    reset();
    onClose();
  };
  const confirm = async () => {
    const result = await markOrderPaid({ variables: { orderId: order.id } }).catch(() => undefined);
    if (result?.data) close();
  };

  return (
    <FormDialog open={open} title={t('organizer.markPaid.title', { number: order.number })} onClose={close}>
      <p>{t('organizer.markPaid.body', { amount: formatMoney(order.totalCents, order.currency, locale) })}</p>
      <ErrorAlert error={error} />
      <div className="form-dialog-actions">
        <button type="button" className="button" onClick={close}>
          {t('organizer.markPaid.keep')}
        </button>
        <button type="button" className="button primary" disabled={loading} onClick={() => void confirm()}>
          {loading ? t('form.submitting') : t('organizer.markPaid.confirm')}
        </button>
      </div>
    </FormDialog>
  );
}
