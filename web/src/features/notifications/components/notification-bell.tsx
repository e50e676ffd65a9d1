/**
 * The header's slot for the notification bell (unread count and the live list, fed by the
 * `notificationAdded` subscription). Empty until the notifications feature fills it.
 */
export function NotificationBell() {
  return null;
}
