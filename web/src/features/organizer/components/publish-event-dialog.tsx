import { FormDialog } from '@/components/form-dialog';
import { ErrorAlert } from '@/components/error-alert';
import { useI18n } from '@/lib/i18n';
import type { OrganizerEvent } from '../api/event';
import { usePublishEvent } from '../api/publish-event';
import { useFieldErrorOf } from '../field-errors';

const DATE_FIELDS = ['startsAt', 'endsAt'];

interface PublishEventDialogProps {
  event: OrganizerEvent;
  open: boolean;
  onClose: () => void;
}

/** DRAFT → PUBLISHED, after saying what it means: listed, on sale, and most details fixed from then on. */
export function PublishEventDialog({ event, open, onClose }: PublishEventDialogProps) {
  const { t } = useI18n();
  const [publishEvent, { loading, error, reset }] = usePublishEvent();
  const close = () => {
    if (loading) return;
    reset();
    onClose();
  };
  // Publishing checks the dates again; say which one is wrong rather than a general sentence.
  const dateError = useFieldErrorOf(error, 'event', DATE_FIELDS);

  const publish = async () => {
    const { data } = await publishEvent({ variables: { id: event.id } }).catch(() => ({ data: undefined }));
    if (data) close();
  };

  return (
    <FormDialog open={open} title={t('organizer.publish.title', { title: event.title })} onClose={close}>
      <p>{t('organizer.publish.body')}</p>
      {event.ticketTypes.length === 0 && <p className="org-note">{t('organizer.publish.noTicketTypes')}</p>}
      {dateError ? (
        <div className="alert" role="alert">
          <strong>{t('form.errorTitle')}</strong> {/* Publishing refuses a start in the past, or an end not after the start. */}
          {t(dateError.path === 'startsAt' ? 'organizer.event.error.startsInPast' : 'organizer.event.error.endsBeforeStart')}
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      <div className="form-dialog-actions">
        <button type="button" className="button" onClick={close}>
          {t('organizer.publish.keep')}
        </button>
        <button type="button" className="button primary" disabled={loading} onClick={() => void publish()}>
          {loading ? t('form.submitting') : t('organizer.publish.confirm')}
        </button>
      </div>
    </FormDialog>
  );
}
