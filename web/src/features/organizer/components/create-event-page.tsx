import { Link, useNavigate } from 'react-router';
import { Page } from '@/components/page';
import { useI18n } from '@/lib/i18n';
import { useCreateEvent } from '../api/create-event';
import { emptyEvent, EventForm, type EventInput } from './event-form';

/** /organizer/events/new: a draft, then its management page to add the schedule and tickets. */
export function CreateEventPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [createEvent, { loading, error }] = useCreateEvent();

  const submit = async (input: Partial<EventInput>) => {
    const { title = '', venue = '', startsAt = '', endsAt = '', description, categoryId } = input;
    const { data } = await createEvent({ variables: { input: { title, venue, startsAt, endsAt, description, categoryId } } });
    if (data) navigate(`/organizer/events/${data.createEvent.id}`);
  };

  return (
    <Page title={t('organizer.create.title')}>
      <p>
        <Link to="/organizer">{t('organizer.backToEvents')}</Link>
      </p>
      <p className="org-lead">{t('organizer.create.intro')}</p>
      <EventForm initial={emptyEvent} submitLabel={t('organizer.create.submit')} submitting={loading} error={error} onSubmit={submit} />
    </Page>
  );
}
