/** What the API shows of the service's rows. Domain code returns these; resolvers map nothing else. */

export const EVENT_STATUSES = ['DRAFT', 'PUBLISHED', 'CANCELLED', 'COMPLETED'] as const;
/** The status as of now: `COMPLETED` is a published event whose end has passed. */
export type EventStatus = (typeof EVENT_STATUSES)[number];

export interface EventView {
  id: string;
  organizerId: string;
  categoryId: string | null;
  title: string;
  description: string;
  venue: string;
  startsAt: Date;
  endsAt: Date;
  status: EventStatus;
  publishedAt: Date | null;
  cancelledAt: Date | null;
  cancellationReason: string | null;
}

export interface CategoryView {
  id: string;
  name: string;
  slug: string;
}

export interface ScheduleItemView {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  speaker: string | null;
  location: string | null;
}

/** A user owned by the users subgraph: the router fetches the rest by this key. */
export interface UserReference {
  id: string;
}
