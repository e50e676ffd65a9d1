import { useCallback, useEffect, useId, useRef, useState } from 'react';
import '@/components/ui.css';
import { useI18n } from '@/lib/i18n';
import { useLiveNotifications } from '../api/notification-added';
import { useUnreadCount, type NotificationItem } from '../api/notifications';
import { NotificationPanel } from './notification-panel';
import { notificationTitle } from './notification-text';
import './notifications.css';

const BellIcon = () => (
  <svg
    aria-hidden="true"
    width="20"
    height="20"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
  >
    <path d="M6 16V11a6 6 0 1 1 12 0v5l2 2H4l2-2Z" strokeLinejoin="round" />
    <path d="M10 20a2 2 0 0 0 4 0" />
  </svg>
);

/**
 * The header's bell: the unread count, a list of recent notifications that opens below it, and
 * live arrivals (the `notificationAdded` subscription), announced politely to screen readers.
 */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const count = useUnreadCount();
  const [open, setOpen] = useState(false);
  // Where the bell ends on screen: a phone's list hangs full-width just below it (notifications.css).
  const [anchor, setAnchor] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const announce = useCallback(
    (notification: NotificationItem) => setAnnouncement(t('notifications.arrived', { title: notificationTitle(notification, t, locale) })),
    [t, locale],
  );
  useLiveNotifications(announce);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) close(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(true);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, close]);

  const label = count > 0 ? t('notifications.bell.unread', { count }) : t('notifications.bell.none');
  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={(event) => {
          setAnchor(event.currentTarget.getBoundingClientRect().bottom);
          setOpen(!open);
        }}
      >
        <BellIcon />
        {count > 0 && (
          <span className="bell-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && <NotificationPanel id={panelId} anchor={anchor} onClose={() => close(false)} />}
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
