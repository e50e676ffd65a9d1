import { useRef, useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { useI18n } from '@/lib/i18n';
import { isOpen, type OrganizerEvent } from '../api/event';
import { useSetSchedule } from '../api/set-schedule';
import { isoToLocalInput, localInputToIso, userTimeZone } from '../datetime';
import { formatDateRange } from '../format';
import { useFieldError } from '../field-errors';
import { useEventContext } from './event-layout';
import { InputField } from './fields';

interface Item {
  /** Stable across moves, for React's list. */
  key: number;
  title: string;
  startsAt: string;
  endsAt: string;
  speaker: string;
  location: string;
}

const ITEM_FIELDS = ['title', 'startsAt', 'endsAt', 'speaker', 'location'] as const;
const HOUR_MS = 60 * 60 * 1000;

let nextKey = 1;

function itemsOf(event: OrganizerEvent, timeZone: string): Item[] {
  return event.schedule.map((item) => ({
    key: nextKey++,
    title: item.title,
    startsAt: isoToLocalInput(item.startsAt, timeZone),
    endsAt: isoToLocalInput(item.endsAt, timeZone),
    speaker: item.speaker ?? '',
    location: item.location ?? '',
  }));
}

/** A new item starts where the last one ends (or with the event) and lasts an hour, within the event. */
function newItem(items: readonly Item[], event: OrganizerEvent, timeZone: string): Item {
  const eventEnd = new Date(event.endsAt).getTime();
  const previousEnd = items.length > 0 ? localInputToIso(items[items.length - 1]!.endsAt, timeZone) : undefined;
  const start = Math.min(new Date(previousEnd ?? event.startsAt).getTime(), eventEnd);
  const end = Math.min(start + HOUR_MS, eventEnd);
  return {
    key: nextKey++,
    title: '',
    startsAt: isoToLocalInput(new Date(start).toISOString(), timeZone),
    endsAt: isoToLocalInput(new Date(end).toISOString(), timeZone),
    speaker: '',
    location: '',
  };
}

/** /organizer/events/:id/schedule: the programme, edited as a whole and saved with setSchedule. */
export function SchedulePage() {
  const { t, locale } = useI18n();
  const { event } = useEventContext();
  if (!isOpen(event)) {
    return (
      <section aria-labelledby="org-schedule-heading">
        <h2 id="org-schedule-heading">{t('organizer.section.schedule')}</h2>
        <p className="org-note">{t('organizer.event.closedNote')}</p>
        {event.schedule.length === 0 ? (
          <p className="placeholder">{t('organizer.schedule.none')}</p>
        ) : (
          <ol className="org-schedule-list">
            {event.schedule.map((item) => (
              <li key={item.id}>
                <strong>{item.title}</strong>
                <span className="org-meta">
                  {formatDateRange(item.startsAt, item.endsAt, locale)}
                  {item.speaker && ` · ${item.speaker}`}
                  {item.location && ` · ${item.location}`}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    );
  }
  return <ScheduleEditor event={event} />;
}

function ScheduleEditor({ event }: { event: OrganizerEvent }) {
  const { t } = useI18n();
  const timeZone = userTimeZone();
  const formRef = useRef<HTMLFormElement>(null);
  const [items, setItems] = useState(() => itemsOf(event, timeZone));
  const [saved, setSaved] = useState(false);
  const [setSchedule, { loading, error }] = useSetSchedule();
  const paths = items.flatMap((_, i) => ITEM_FIELDS.map((field) => `items.${i}.${field}`));
  const { errorFor, formError } = useFieldError(error, 'schedule', paths, formRef);

  const change = (index: number, field: (typeof ITEM_FIELDS)[number], value: string) => {
    setSaved(false);
    setItems((current) => current.map((item, i) => (i === index ? { ...item, [field]: value } : item)));
  };
  const move = (index: number, by: -1 | 1) => {
    setSaved(false);
    setItems((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      next.splice(index + by, 0, item!);
      return next;
    });
  };
  const remove = (index: number) => {
    setSaved(false);
    setItems((current) => current.filter((_, i) => i !== index));
  };
  const add = () => {
    setSaved(false);
    setItems((current) => [...current, newItem(current, event, timeZone)]);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = items.map((item) => ({
      title: item.title,
      startsAt: localInputToIso(item.startsAt, timeZone) ?? '',
      endsAt: localInputToIso(item.endsAt, timeZone) ?? '',
      speaker: item.speaker.trim() || null,
      location: item.location.trim() || null,
    }));
    const result = await setSchedule({ variables: { eventId: event.id, items: input } }).catch(() => undefined);
    if (!result?.data) return;
    // Start again from what the API holds: its order is by start time, ties in the order sent.
    setItems(itemsOf(result.data.setSchedule, timeZone));
    setSaved(true);
  };

  return (
    <section aria-labelledby="org-schedule-heading">
      <h2 id="org-schedule-heading">{t('organizer.section.schedule')}</h2>
      <p className="org-lead">{t('organizer.schedule.intro', { zone: timeZone })}</p>
      <form ref={formRef} className="org-schedule" onSubmit={submit}>
        <ErrorAlert error={formError} />
        {items.length === 0 && <p className="placeholder">{t('organizer.schedule.none')}</p>}
        <ol className="org-schedule-items">
          {items.map((item, index) => {
            const n = index + 1;
            const field = (name: (typeof ITEM_FIELDS)[number]) => ({
              name: `items.${index}.${name}`,
              value: item[name],
              error: errorFor(`items.${index}.${name}`),
              onChange: (e: { target: { value: string } }) => change(index, name, e.target.value),
            });
            return (
              <li key={item.key}>
                <fieldset className="org-schedule-item">
                  <legend>{t('organizer.schedule.item', { n })}</legend>
                  <InputField label={t('organizer.schedule.title')} required maxLength={200} {...field('title')} />
                  <div className="org-row">
                    <InputField label={t('organizer.schedule.startsAt')} type="datetime-local" required {...field('startsAt')} />
                    <InputField label={t('organizer.schedule.endsAt')} type="datetime-local" required {...field('endsAt')} />
                  </div>
                  <div className="org-row">
                    <InputField label={t('organizer.schedule.speaker')} maxLength={120} {...field('speaker')} />
                    <InputField label={t('organizer.schedule.location')} maxLength={200} {...field('location')} />
                  </div>
                  <div className="org-item-actions">
                    <button
                      type="button"
                      className="button small"
                      disabled={index === 0}
                      aria-label={t('organizer.schedule.moveUp', { n })}
                      onClick={() => move(index, -1)}
                    >
                      {t('organizer.schedule.up')}
                    </button>
                    <button
                      type="button"
                      className="button small"
                      disabled={index === items.length - 1}
                      aria-label={t('organizer.schedule.moveDown', { n })}
                      onClick={() => move(index, 1)}
                    >
                      {t('organizer.schedule.down')}
                    </button>
                    <button
                      type="button"
                      className="button small danger-outline"
                      aria-label={t('organizer.schedule.removeItem', { n })}
                      onClick={() => remove(index)}
                    >
                      {t('organizer.schedule.remove')}
                    </button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div className="org-form-actions">
          <button type="button" className="button" onClick={add}>
            {t('organizer.schedule.add')}
          </button>
          <button type="submit" className="button primary" disabled={loading}>
            {loading ? t('form.submitting') : t('organizer.schedule.save')}
          </button>
        </div>
        <p role="status" className="org-saved">
          {saved && !error ? t('organizer.schedule.saved') : ''}
        </p>
      </form>
    </section>
  );
}
