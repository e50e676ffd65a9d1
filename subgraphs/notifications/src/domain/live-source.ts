import type { Viewer } from '@sbor/core';
import type { ResumableSource } from '@sbor/kit';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { LiveNotifications } from './live.js';
import type { Notification } from './notification.js';
import type { Notifications } from './notifications.js';

/**
 * One reader's `notificationAdded`, resumable: the live channel, and the store behind it read by
 * insertion sequence. Cursors are the list's own (`cursor.ts`), so a cursor from the live stream
 * and one from `notifications(after:)` mean the same place.
 */
export function notificationSource(live: LiveNotifications, notifications: Notifications, reader: Viewer): ResumableSource<Notification> {
  return {
    live: () => live.subscribe(reader.userId),
    after: (cursor, limit) => notifications.after(reader, decodeCursor(cursor), limit),
    oldest: (cursors) => encodeCursor(Math.min(...cursors.map(decodeCursor))),
    position: async () => encodeCursor(await notifications.latestSeq(reader)),
    cursorOf: (notification) => encodeCursor(notification.seq),
    idOf: (notification) => notification.id,
  };
}
