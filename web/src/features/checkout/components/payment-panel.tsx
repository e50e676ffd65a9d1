import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorAlert } from '@/components/error-alert';
import { formatMoney, useI18n } from '@/lib/i18n';
import { useCancelOrder } from '../api/cancel-order';
import { isWebAddress, useCheckout } from '../api/checkout';
import type { Order } from '../api/order';
import { HoldCountdown } from './hold-countdown';

/**
 * A held order's ways forward: the countdown, paying through the sandbox checkout (the browser goes
 * there and comes back here), paying offline (instructions), or letting the tickets go.
 */
export function PaymentPanel({ order, refetch }: { order: Order; refetch: () => Promise<unknown> }) {
  const { t, locale } = useI18n();
  const checkout = useCheckout(order.id);
  const cancellation = useCancelOrder(order.id);
  const [confirming, setConfirming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const payment = order.payment;
  const sandboxUnderway = payment?.provider === 'SANDBOX' && payment.status === 'PENDING';
  const offline = payment?.provider === 'OFFLINE' && payment.status === 'PENDING';

  const paySandbox = async () => {
    cancellation.reset();
    const started = await checkout.pay('SANDBOX').catch(() => undefined);
    if (isWebAddress(started?.checkoutUrl)) {
      setLeaving(true);
      window.location.assign(started.checkoutUrl);
    }
  };
  const payOffline = async () => {
    cancellation.reset();
    await checkout.pay('OFFLINE').catch(() => undefined);
  };
  const cancel = async () => {
    checkout.reset();
    const done = await cancellation.cancel().catch(() => false);
    setConfirming(false);
    if (!done) void refetch().catch(() => undefined);
  };

  return (
    <section className="card payment" aria-labelledby="order-payment">
      <h2 id="order-payment">{t('checkout.pay.title')}</h2>
      {order.expiresAt && <HoldCountdown expiresAt={order.expiresAt} onExpire={() => void refetch().catch(() => undefined)} />}
      {payment?.status === 'FAILED' && (
        <p className="notice" role="status">
          {t('checkout.pay.declined')}
        </p>
      )}
      {sandboxUnderway && <p className="muted">{t('checkout.pay.underway')}</p>}
      {offline && (
        <div className="notice info">
          <h3>{t('checkout.offline.title')}</h3>
          <p>
            {locale === 'en' && payment.instructions
              ? payment.instructions
              : t('checkout.offline.instructions', { amount: formatMoney(order.totalCents, order.currency, locale), number: order.number })}
          </p>
        </div>
      )}
      <ErrorAlert error={checkout.error ?? cancellation.error} />
      <div className="button-row">
        <button className="button primary" type="button" disabled={checkout.loading || leaving} onClick={() => void paySandbox()}>
          {leaving ? t('checkout.pay.leaving') : sandboxUnderway ? t('checkout.pay.sandboxContinue') : t('checkout.pay.sandbox')}
        </button>
        {!offline && (
          <button className="button" type="button" disabled={checkout.loading || leaving} onClick={() => void payOffline()}>
            {t('checkout.pay.offline')}
          </button>
        )}
        <button className="button danger" type="button" disabled={cancellation.loading || leaving} onClick={() => setConfirming(true)}>
          {t('checkout.cancel.button')}
        </button>
      </div>
      <p className="muted small">{t('checkout.pay.sandboxHint')}</p>
      <ConfirmDialog
        open={confirming}
        title={t('checkout.cancel.title')}
        confirmLabel={t('checkout.cancel.confirm')}
        cancelLabel={t('checkout.cancel.keep')}
        busy={cancellation.loading}
        danger
        onConfirm={() => void cancel()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('checkout.cancel.body', { number: order.number })}</p>
      </ConfirmDialog>
    </section>
  );
}
