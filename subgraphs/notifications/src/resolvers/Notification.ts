import type { NotificationResolvers } from '../__generated__/resolvers-types.js';

export const Notification: NotificationResolvers = {
  // `_entities` follows the same rule as the root fields: only the recipient sees it, others get null.
  __resolveReference: (reference, { notificationById }) => notificationById.load(reference.id),
  // References only: the router resolves the rest of Event and Ticket from their own subgraphs.
  event: (notification) => (notification.eventId ? { id: notification.eventId } : null),
  ticket: (notification) => (notification.ticketId ? { id: notification.ticketId } : null),
};
