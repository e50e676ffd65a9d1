import { useState } from 'react';
import { useI18n } from '@/lib/i18n';
import { useUpdateEvent } from '../api/update-event';
import { EventForm, eventFormValues, type EventInput } from './event-form';
import { useEventContext } from './event-layout';

/** /organizer/events/:id: the event's details, editable as far as its status allows. */
export function EventDetailsPage() {
  const { t } = useI18n();
  const { event } = useEventContext();
  const [updateEvent, { loading, error }] = useUpdateEvent();
  const [saved, setSaved] = useState(0);

  const initial = eventFormValues({ ...event, categoryId: event.category?.id ?? null });
  const submit = async (changes: Partial<EventInput>) => {
    await updateEvent({ variables: { id: event.id, input: changes } });
    setSaved((n) => n + 1);
  };

  return (
    <section aria-labelledby="org-details-heading">
      <h2 id="org-details-heading">{t('organizer.section.details')}</h2>
      {event.status === 'PUBLISHED' && <p className="org-note">{t('organizer.event.publishedNote')}</p>}
      {(event.status === 'CANCELLED' || event.status === 'COMPLETED') && <p className="org-note">{t('organizer.event.closedNote')}</p>}
      {event.status === 'CANCELLED' && event.cancellationReason && (
        <p className="org-note">
          {t('organizer.event.cancelledReason')} {event.cancellationReason}
        </p>
      )}
      {/* Keyed by the saved event, so the form starts again from what the API now holds. */}
      <EventForm
        key={`${event.status}-${saved}`}
        initial={initial}
        status={event.status}
        submitLabel={t('organizer.event.save')}
        submitting={loading}
        error={error}
        onSubmit={submit}
      />
      <p role="status" className="org-saved">
        {saved > 0 && !loading && !error ? t('organizer.event.saved') : ''}
      </p>
    </section>
  );
}
