import { useEffect, useRef, useState } from 'react';
import '@/components/ui.css';
import { formatDateTime, useI18n, type Translate } from '@/lib/i18n';
import { announcementDue, formatRemaining, LONG_HOLD_MS, remainingMs } from '../hold-clock';

interface HoldCountdownProps {
  /** When the hold ends (the order's `expiresAt`). */
  expiresAt: string;
  /** Called once when the time is up. */
  onExpire?: () => void;
}

const spoken = (ms: number, t: Translate) => {
  const seconds = Math.ceil(ms / 1000);
  return seconds >= 60
    ? t('checkout.hold.minutesLeft', { count: Math.round(seconds / 60) })
    : t('checkout.hold.secondsLeft', { count: seconds });
};

/**
 * How long the tickets stay held. The clock ticks every second on screen; a polite live region says
 * the time at a few moments (10, 5, 2 and 1 minutes, 30 and 10 seconds) and once when it has ended.
 */
export function HoldCountdown({ expiresAt, onExpire }: HoldCountdownProps) {
  const { t, locale } = useI18n();
  const [left, setLeft] = useState(() => remainingMs(expiresAt, Date.now()));
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef(left);
  const expireCallback = useRef(onExpire);
  useEffect(() => {
    expireCallback.current = onExpire;
  }, [onExpire]);

  useEffect(() => {
    previous.current = remainingMs(expiresAt, Date.now());
    setLeft(previous.current);
    if (previous.current === 0) return;
    const tick = () => {
      const now = remainingMs(expiresAt, Date.now());
      const due = announcementDue(previous.current, now);
      previous.current = now;
      setLeft(now);
      if (due === 0) {
        setAnnouncement(t('checkout.hold.expired'));
        expireCallback.current?.();
      } else if (due !== undefined) {
        setAnnouncement(spoken(now, t));
      }
      if (now === 0) clearInterval(timer);
    };
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [expiresAt, t]);

  const expired = left === 0;
  const long = left > LONG_HOLD_MS;
  return (
    <div className={expired ? 'hold expired' : 'hold'}>
      {expired ? (
        <p className="hold-text">
          <strong>{t('checkout.hold.expired')}</strong>
        </p>
      ) : long ? (
        <p className="hold-text">{t('checkout.hold.until', { date: formatDateTime(expiresAt, locale) })}</p>
      ) : (
        <p className="hold-text">
          {t('checkout.hold.label')}{' '}
          <time className="hold-clock" role="timer" dateTime={`PT${Math.ceil(left / 1000)}S`}>
            {formatRemaining(left)}
          </time>
        </p>
      )}
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
