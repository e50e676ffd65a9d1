import DataLoader from 'dataloader';
import type { Viewer } from '@sbor/core';
import type { Notification } from './domain/notification.js';
import type { Notifications } from './domain/notifications.js';

/** Per request, so one viewer's batch never answers another's; an anonymous caller loads nothing. */
export function notificationLoader(notifications: Notifications, viewer: Viewer | null): DataLoader<string, Notification | null> {
  return new DataLoader<string, Notification | null>(async (ids) => {
    if (!viewer) return ids.map(() => null);
    const found = await notifications.byIds(viewer, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}
