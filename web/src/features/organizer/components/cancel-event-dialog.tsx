import { useRef, useState, type FormEvent } from 'react';
import { FormDialog } from '@/components/form-dialog';
import { ErrorAlert } from '@/components/error-alert';
import { useI18n } from '@/lib/i18n';
import { useCancelEvent } from '../api/cancel-event';
import type { OrganizerEvent } from '../api/event';
import { useFieldError } from '../field-errors';
import { TextAreaField } from './fields';

interface CancelEventDialogProps {
  event: OrganizerEvent;
  open: boolean;
  onClose: () => void;
}

/** PUBLISHED → CANCELLED with a reason, after saying what follows: tickets void, paid orders refunded. */
export function CancelEventDialog({ event, open, onClose }: CancelEventDialogProps) {
  const { t } = useI18n();
  return (
    <FormDialog open={open} title={t('organizer.cancel.title', { title: event.title })} onClose={onClose}>
      <CancelEventForm event={event} onClose={onClose} />
    </FormDialog>
  );
}

function CancelEventForm({ event, onClose }: Omit<CancelEventDialogProps, 'open'>) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [reason, setReason] = useState('');
  const [cancelEvent, { loading, error }] = useCancelEvent();
  const { errorFor, formError } = useFieldError(error, 'cancel', ['reason'], formRef);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { data } = await cancelEvent({ variables: { id: event.id, reason: reason.trim() || null } }).catch(() => ({ data: undefined }));
    if (data) onClose();
  };

  return (
    <form ref={formRef} className="org-dialog-form" onSubmit={submit}>
      <p>{t('organizer.cancel.body')}</p>
      <ErrorAlert error={formError} />
      <TextAreaField
        label={t('organizer.cancel.reason')}
        hint={t('organizer.cancel.reasonHint')}
        name="reason"
        rows={3}
        required
        maxLength={500}
        value={reason}
        error={errorFor('reason')}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="form-dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('organizer.cancel.keep')}
        </button>
        <button type="submit" className="button danger" disabled={loading}>
          {loading ? t('form.submitting') : t('organizer.cancel.confirm')}
        </button>
      </div>
    </form>
  );
}
