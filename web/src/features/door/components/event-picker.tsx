/** @jsxImportSource preact */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '@/lib/i18n/format';
import type { Failure } from '../api/client';
import { doorEvents, type DoorEvent } from '../api/my-events';
import { failureMessage } from '../failure-message';
import { useDoorI18n } from '../i18n';
import { useDoorServices } from '../services-context';

/** The published events whose door the user works (as organizer or staff); choosing one opens the scanner for it. */
export function EventPicker({ onPick }: { onPick: (event: DoorEvent) => void }) {
  const { t, locale } = useDoorI18n();
  const { api, session } = useDoorServices();
  const state = session.getState();
  const organizer = state.status === 'signed-in' && state.claims.role === 'ORGANIZER';
  const [events, setEvents] = useState<DoorEvent[]>();
  const [failure, setFailure] = useState<Failure>();

  const load = useCallback(async () => {
    setFailure(undefined);
    const answer = await doorEvents(api, organizer);
    if (answer.ok) setEvents(answer.data);
    else setFailure(answer.failure);
  }, [api, organizer]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main id="main" class="door-main">
      <h1>{t('door.events.title')}</h1>
      <p class="door-muted">{t('door.events.intro')}</p>
      {failure && (
        <div class="door-error" role="alert">
          <p>{failureMessage(failure, t)}</p>
          <button type="button" class="door-button" onClick={() => void load()}>
            {t('door.retry')}
          </button>
        </div>
      )}
      {!events && !failure && <p class="door-muted">{t('door.loading')}</p>}
      {events?.length === 0 && <p>{t('door.events.none')}</p>}
      {events && events.length > 0 && (
        <ul class="door-events">
          {events.map((event) => (
            <li key={event.id}>
              <button type="button" class="door-event" onClick={() => onPick(event)}>
                <span class="door-event-title">{event.title}</span>
                <span class="door-muted">
                  {formatDateTime(event.startsAt, locale)} · {event.venue}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
