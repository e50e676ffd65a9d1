import type { EventResolvers } from '../__generated__/resolvers-types.js';

export const Event: EventResolvers = {
  // Other subgraphs (tickets, notifications) reference events by id: the same visibility rule as
  // Query.event applies, so a draft reached through _entities is null for anyone but its organizer.
  __resolveReference: (reference, { loaders }) => loaders.event.load(reference.id),
  organizer: (event) => ({ id: event.organizerId }),
  category: (event, _args, { loaders }) => (event.categoryId ? loaders.category.load(event.categoryId) : null),
  schedule: (event, _args, { loaders }) => loaders.schedule.load(event.id),
};
