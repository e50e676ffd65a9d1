import { Link } from 'react-router';
import type { EventsQuery } from '@/__generated__/graphql';
import { formatDateRange } from '@/lib/i18n/date-range';
import { useI18n } from '@/lib/i18n';

type ListedEvent = EventsQuery['events']['edges'][number]['node'];

/** One event in the list; the title is the link, and the whole card answers a click or a tap. */
export function EventCard({ event }: { event: ListedEvent }) {
  const { locale } = useI18n();
  return (
    <article className="card event-card">
      <h2>
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </h2>
      <p className="when">
        <time dateTime={event.startsAt}>{formatDateRange(event.startsAt, event.endsAt, locale)}</time>
      </p>
      <p>{event.venue}</p>
      {event.category && <p className="muted">{event.category.name}</p>}
    </article>
  );
}
