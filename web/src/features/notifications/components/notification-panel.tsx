import { useEffect, useRef, type CSSProperties } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { formatDateTime, useI18n } from '@/lib/i18n';
import { useMarkAllRead, useMarkRead, useRecentNotifications, type NotificationItem } from '../api/notifications';
import { notificationLink, notificationTitle } from './notification-text';

/** The bell's list: recent notifications, newest first, each marked read when opened or on request. */
export function NotificationPanel({ id, anchor, onClose }: { id: string; anchor: number; onClose: () => void }) {
  const { t } = useI18n();
  const { notifications, loading, error } = useRecentNotifications(false);
  const { markRead, error: markError } = useMarkRead();
  const { markAllRead, loading: markingAll, error: markAllError } = useMarkAllRead();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const anyUnread = notifications?.some((notification) => !notification.read) ?? false;

  return (
    <section id={id} className="bell-panel" aria-labelledby={`${id}-title`} style={{ '--bell-bottom': `${anchor}px` } as CSSProperties}>
      <div className="bell-panel-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {t('notifications.label')}
        </h2>
        {anyUnread && (
          <button type="button" className="button small" disabled={markingAll} onClick={() => void markAllRead().catch(() => undefined)}>
            {t('notifications.markAll')}
          </button>
        )}
      </div>
      <ErrorAlert error={error ?? markError ?? markAllError} />
      {!notifications && loading && <p className="muted">{t('app.loading')}</p>}
      {notifications && notifications.length === 0 && <p className="muted">{t('notifications.empty')}</p>}
      {notifications && notifications.length > 0 && (
        <ul className="bell-list">
          {notifications.map((notification) => (
            <NotificationRow
              key={notification.id}
              notification={notification}
              onOpen={() => {
                void markRead(notification).catch(() => undefined);
                onClose();
              }}
              onMarkRead={() => void markRead(notification).catch(() => undefined)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

interface RowProps {
  notification: NotificationItem;
  onOpen: () => void;
  onMarkRead: () => void;
}

function NotificationRow({ notification, onOpen, onMarkRead }: RowProps) {
  const { t, locale } = useI18n();
  const title = notificationTitle(notification, t, locale);
  const link = notificationLink(notification);
  return (
    <li className={notification.read ? 'bell-item' : 'bell-item unread'}>
      <div className="bell-item-text">
        {!notification.read && <span className="sr-only">{t('notifications.unread')}: </span>}
        {link ? (
          <Link to={link} onClick={onOpen} className="bell-item-title">
            {title}
          </Link>
        ) : (
          <span className="bell-item-title">{title}</span>
        )}
        {locale === 'en' && <p className="bell-item-body">{notification.body}</p>}
        <time className="muted" dateTime={notification.createdAt}>
          {formatDateTime(notification.createdAt, locale)}
        </time>
      </div>
      {!notification.read && (
        <button type="button" className="bell-mark" onClick={onMarkRead} aria-label={t('notifications.markOne', { title })}>
          <span aria-hidden="true">✓</span>
        </button>
      )}
    </li>
  );
}
