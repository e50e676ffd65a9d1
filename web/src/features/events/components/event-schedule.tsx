import type { EventDetailsQuery } from '@/__generated__/graphql';
import { dayKey, formatDay, formatTimeRange } from '@/lib/i18n/date-range';
import { useI18n } from '@/lib/i18n';

type ScheduleItem = NonNullable<EventDetailsQuery['event']>['schedule'][number];

/** The programme, grouped by day when the event spans several. */
export function EventSchedule({ items, multiDay }: { items: readonly ScheduleItem[]; multiDay: boolean }) {
  const { t, locale } = useI18n();
  const days = new Map<string, ScheduleItem[]>();
  for (const item of items) {
    const key = dayKey(item.startsAt);
    days.set(key, [...(days.get(key) ?? []), item]);
  }
  return (
    <section className="schedule" aria-labelledby="event-schedule">
      <h2 id="event-schedule">{t('events.schedule')}</h2>
      {[...days.values()].map((dayItems) => (
        <div className="schedule-day" key={dayItems[0]!.id}>
          {multiDay && <h3>{formatDay(dayItems[0]!.startsAt, locale)}</h3>}
          <ol>
            {dayItems.map((item) => (
              <li key={item.id}>
                <span className="time">
                  <time dateTime={item.startsAt}>{formatTimeRange(item.startsAt, item.endsAt, locale)}</time>
                </span>
                <div>
                  <div className="item-title">{item.title}</div>
                  {(item.speaker || item.location) && (
                    <div className="muted">{[item.speaker, item.location].filter(Boolean).join(' · ')}</div>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
