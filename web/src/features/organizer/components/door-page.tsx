import { useRef, useState, type FormEvent } from 'react';
import type { CheckInAction, CheckInResult } from '@/__generated__/graphql';
import { ErrorAlert } from '@/components/error-alert';
import { firstApiError } from '@/lib/api/errors';
import { formatDateTime, useI18n } from '@/lib/i18n';
import { SCAN_LOG_MAX, SCAN_LOG_PAGE, useAddDoorStaff, useDoor, useRemoveDoorStaff, type OrganizerDoor } from '../api/door';
import { useExportDownload, type ExportKind } from '../api/exports';
import { useFieldError } from '../field-errors';
import { InputField } from './fields';
import { useEventContext } from './event-layout';

/**
 * /organizer/events/:id/door: who may scan tickets at this event, the files to take along (orders
 * and attendees as CSV), and the door's log, refused scans included.
 */
export function DoorPage() {
  const { t } = useI18n();
  const { event } = useEventContext();
  const [first, setFirst] = useState(SCAN_LOG_PAGE);
  const { data, previousData, error } = useDoor(event.id, first);
  const door = (data ?? previousData)?.event;
  return (
    <>
      <section aria-labelledby="org-staff-heading">
        <h2 id="org-staff-heading">{t('organizer.door.staff')}</h2>
        <p className="muted">{t('organizer.door.staffIntro')}</p>
        <ErrorAlert error={error} />
        {door ? <StaffList eventId={event.id} staff={door.doorStaff} /> : <p className="placeholder">{t('app.loading')}</p>}
        {event.status === 'PUBLISHED' && <AddStaffForm eventId={event.id} />}
      </section>
      <Exports eventId={event.id} />
      <section aria-labelledby="org-scans-heading" className="org-section">
        <h2 id="org-scans-heading">{t('organizer.door.log')}</h2>
        {door && <ScanLog log={door.checkIns} />}
        {door?.checkIns.pageInfo.hasNextPage && first < SCAN_LOG_MAX && (
          <button type="button" className="button" onClick={() => setFirst(Math.min(first + SCAN_LOG_PAGE, SCAN_LOG_MAX))}>
            {t('organizer.door.more')}
          </button>
        )}
      </section>
    </>
  );
}

function StaffList({ eventId, staff }: { eventId: string; staff: OrganizerDoor['doorStaff'] }) {
  const { t, locale } = useI18n();
  const [remove, { loading, error }] = useRemoveDoorStaff();
  if (staff.length === 0) return <p className="placeholder">{t('organizer.door.noStaff')}</p>;
  return (
    <>
      <ErrorAlert error={error} />
      <ul className="org-staff">
        {staff.map((member) => (
          <li key={member.user.id}>
            <span>
              <strong>{member.user.displayName}</strong> · {member.email}
              <span className="org-sub">{t('organizer.door.addedAt', { date: formatDateTime(member.addedAt, locale) })}</span>
            </span>
            <button
              type="button"
              className="button"
              disabled={loading}
              onClick={() => remove({ variables: { eventId, userId: member.user.id } }).catch(() => undefined)}
            >
              {t('organizer.door.remove', { name: member.user.displayName })}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function AddStaffForm({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [added, setAdded] = useState<string | undefined>();
  const [add, { loading, error }] = useAddDoorStaff();
  const { errorFor, formError } = useFieldError(error, 'doorStaff', ['email'], formRef);
  // NOT_FOUND on `email`: the address is well formed, but nobody registered it.
  const unknown = firstApiError(error)?.code === 'NOT_FOUND';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await add({ variables: { eventId, email: email.trim() } }).catch(() => undefined);
    if (!result?.data) return;
    setEmail('');
    setAdded(result.data.addDoorStaff.user.displayName);
  };
  return (
    <form ref={formRef} className="form org-form org-inline-form" onSubmit={submit}>
      <ErrorAlert error={formError} />
      <InputField
        label={t('organizer.door.email')}
        name="email"
        type="email"
        autoComplete="off"
        required
        hint={t('organizer.door.emailHint')}
        value={email}
        error={unknown && errorFor('email') ? t('organizer.door.unknownEmail') : errorFor('email')}
        onChange={(e) => {
          setAdded(undefined);
          setEmail(e.target.value);
        }}
      />
      <div>
        <button className="button primary" type="submit" disabled={loading}>
          {loading ? t('form.submitting') : t('organizer.door.add')}
        </button>
      </div>
      <p role="status" className="org-saved">
        {added ? t('organizer.door.added', { name: added }) : ''}
      </p>
    </form>
  );
}

function Exports({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const { download, busy, failure } = useExportDownload(eventId);
  const kinds: ExportKind[] = ['attendees', 'orders'];
  return (
    <section aria-labelledby="org-exports-heading" className="org-section">
      <h2 id="org-exports-heading">{t('organizer.exports.title')}</h2>
      <p className="muted">{t('organizer.exports.intro')}</p>
      <div className="org-actions">
        {kinds.map((kind) => (
          <button key={kind} type="button" className="button" disabled={busy !== undefined} onClick={() => void download(kind)}>
            {busy === kind ? t('organizer.exports.preparing') : t(`organizer.exports.${kind}`)}
          </button>
        ))}
      </div>
      {failure && (
        <p role="alert" className="notice error">
          {t(`organizer.exports.failed.${failure}`)}
        </p>
      )}
    </section>
  );
}

const ACTION_KEYS: Record<
  CheckInAction,
  'organizer.door.action.CHECK_IN' | 'organizer.door.action.UNDO' | 'organizer.door.action.VALIDATE'
> = {
  CHECK_IN: 'organizer.door.action.CHECK_IN',
  UNDO: 'organizer.door.action.UNDO',
  VALIDATE: 'organizer.door.action.VALIDATE',
};

function ScanLog({ log }: { log: OrganizerDoor['checkIns'] }) {
  const { t, locale } = useI18n();
  if (log.edges.length === 0) return <p className="placeholder">{t('organizer.door.noScans')}</p>;
  const result = (value: CheckInResult) => t(`organizer.door.result.${value}`);
  return (
    <div className="org-table-wrap">
      <table className="org-table" aria-labelledby="org-scans-heading">
        <thead>
          <tr>
            <th scope="col">{t('organizer.door.when')}</th>
            <th scope="col">{t('organizer.door.what')}</th>
            <th scope="col">{t('organizer.door.result')}</th>
            <th scope="col">{t('organizer.door.ticket')}</th>
            <th scope="col">{t('organizer.door.by')}</th>
          </tr>
        </thead>
        <tbody>
          {log.edges.map(({ node }) => (
            <tr key={node.id}>
              <th scope="row" data-label={t('organizer.door.when')}>
                {formatDateTime(node.scannedAt, locale)}
              </th>
              <td data-label={t('organizer.door.what')}>{t(ACTION_KEYS[node.action])}</td>
              <td data-label={t('organizer.door.result')}>
                <span className={node.accepted ? 'org-tag ok' : 'org-tag refused'}>{result(node.result)}</span>
              </td>
              <td data-label={t('organizer.door.ticket')}>
                {node.ticket ? `${node.ticket.ticketType.name}${node.ticket.attendeeName ? ` · ${node.ticket.attendeeName}` : ''}` : '—'}
              </td>
              <td data-label={t('organizer.door.by')}>{node.scannedBy.displayName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
