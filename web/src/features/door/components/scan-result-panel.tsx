/** @jsxImportSource preact */
import { useState } from 'preact/hooks';
import { undoCheckIn } from '../api/undo-check-in';
import { failureMessage } from '../failure-message';
import { formatScanTime } from '../format';
import { useOnline, useSubscription } from '../hooks';
import { useDoorI18n, type DoorMessageKey, type DoorTranslate } from '../i18n';
import type { CheckInEntry, TicketFacts } from '../offline/check-in-queue';
import type { DoorStatus, Verdict } from '../offline/verdict';
import { verdictOfRefusal, type ScanResult } from '../scanning';
import { useDoorServices } from '../services-context';

const HEADLINE: Record<DoorStatus, DoorMessageKey> = {
  VALID: 'door.status.VALID',
  USED: 'door.status.USED',
  CANCELLED: 'door.status.CANCELLED',
  WRONG_EVENT: 'door.status.WRONG_EVENT',
  INVALID: 'door.status.INVALID',
  UNVERIFIED: 'door.status.UNVERIFIED',
};

/** Not colour alone: each status also has its own sign. */
const SIGN: Record<DoorStatus, string> = { VALID: '✓', USED: '!', CANCELLED: '✕', WRONG_EVENT: '≠', INVALID: '✕', UNVERIFIED: '?' };

/** An undo of one scan's check-in: under way, done, or refused with a sentence. */
type Undo = { resultId: string } & ({ state: 'busy' | 'done' } | { state: 'refused'; message: string; final: boolean });

/**
 * The verdict, big, in colour, sign and words, in a live region so a screen reader announces each
 * scan. When the scan queued a check-in, its sync follows: the server may still turn a VALID into
 * a conflict (already checked in at another door). Once the server admitted it, the check-in can
 * be undone (online only: the server decides), for the wrong ticket of a group.
 */
export function ScanResultPanel({ result, onScanNext }: { result: ScanResult | undefined; onScanNext: () => void }) {
  const { t, locale } = useDoorI18n();
  const { queue, api } = useDoorServices();
  useSubscription(queue);
  const online = useOnline();
  const [undoState, setUndo] = useState<Undo>();
  const undo = undoState && undoState.resultId === result?.id ? undoState : undefined;
  const undone = undo?.state === 'done';
  const entry = result?.checkInId ? queue.get(result.checkInId) : undefined;
  const conflict = entry?.state === 'conflict' && entry.refusal ? entry.refusal : undefined;
  const verdict = conflict ? verdictOfRefusal(conflict) : result?.verdict;
  const time = (iso: string) => formatScanTime(iso, locale);
  const facts = { ...result?.ticket, ...entry?.ticket };
  const undoableId = entry?.state === 'synced' ? (entry.ticketId ?? entry.ticket?.ticketId) : undefined;

  const takeBack = async (ticketId: string, resultId: string, entryId: string) => {
    if (!navigator.onLine) return setUndo({ resultId, state: 'refused', message: t('door.error.offline'), final: false });
    setUndo({ resultId, state: 'busy' });
    const answer = await undoCheckIn(api, ticketId);
    if (answer.ok) {
      await queue.forget(entryId);
      setUndo({ resultId, state: 'done' });
    } else {
      const code = answer.failure.kind === 'api' ? answer.failure.code : '';
      if (code === 'INVALID_TRANSITION' || code === 'NOT_FOUND') {
        // Trying again cannot help. Not checked in any more: this device forgets its check-in too, so a new scan asks afresh.
        if (code === 'INVALID_TRANSITION') await queue.forget(entryId);
        setUndo({ resultId, state: 'refused', message: t(`door.undo.error.${code}`), final: true });
      } else {
        setUndo({ resultId, state: 'refused', message: failureMessage(answer.failure, t), final: false });
      }
    }
  };

  return (
    <section class="door-result-area" aria-label={t('door.result.label')}>
      <div
        class={`door-result ${undone ? 'is-undone' : verdict ? `is-${verdict.status.toLowerCase().replace('_', '-')}` : 'is-idle'}`}
        role="status"
        aria-live="assertive"
        aria-atomic="true"
      >
        {undone ? (
          <>
            <p class="door-result-headline">
              <span aria-hidden="true" class="door-result-sign">
                ↺
              </span>{' '}
              <span>{t('door.result.undone')}</span>
            </p>
            <p>{t('door.result.undoneDetail')}</p>
            <TicketLines facts={facts} />
          </>
        ) : verdict && result ? (
          <>
            <p class="door-result-headline">
              <span aria-hidden="true" class="door-result-sign">
                {SIGN[verdict.status]}
              </span>{' '}
              <span>{t(HEADLINE[verdict.status])}</span>
            </p>
            {conflict && <p class="door-result-conflict">{t('door.result.conflict')}</p>}
            <p>{detail(verdict, t, time)}</p>
            <TicketLines facts={facts} />
            {entry?.state === 'pending' && !online && !facts.attendeeName && <p>{t('door.result.nameOffline')}</p>}
            {entry && !conflict && <p class="door-result-sync">{syncLine(entry, online, t, time)}</p>}
          </>
        ) : (
          <p class="door-result-idle">{t('door.result.ready')}</p>
        )}
      </div>
      {result && (
        <button type="button" class="door-button is-primary door-scan-next" onClick={onScanNext}>
          {t('door.scan.next')}
        </button>
      )}
      {undo?.state === 'refused' && (
        <p class="door-error door-undo-error" role="alert">
          {undo.message}
        </p>
      )}
      {result && entry && undoableId && !undone && !(undo?.state === 'refused' && undo.final) && (
        <button
          type="button"
          class="door-button door-undo"
          disabled={undo?.state === 'busy'}
          onClick={() => void takeBack(undoableId, result.id, entry.id)}
        >
          {undo?.state === 'busy' ? t('door.wait') : t('door.undo.submit')}
        </button>
      )}
    </section>
  );
}

/** What is known of the ticket: its type, its holder's account name, and the name the buyer gave it. */
function TicketLines({ facts }: { facts: TicketFacts }) {
  const { t } = useDoorI18n();
  return (
    <>
      {facts.typeName && <p>{t('door.result.ticketType', { name: facts.typeName })}</p>}
      {facts.attendeeName && <p class="door-result-attendee">{t('door.result.attendee', { name: facts.attendeeName })}</p>}
      {facts.ownerName && <p>{t('door.result.holder', { name: facts.ownerName })}</p>}
    </>
  );
}

function detail(verdict: Verdict, t: DoorTranslate, time: (iso: string) => string): string {
  switch (verdict.status) {
    case 'USED':
      if (!verdict.checkedInAt) return t('door.detail.USED');
      return t(verdict.here ? 'door.detail.USED.here' : 'door.detail.USED.elsewhere', { time: time(verdict.checkedInAt) });
    case 'INVALID':
      return t(`door.detail.INVALID.${verdict.reason}`);
    default:
      return t(`door.detail.${verdict.status}`);
  }
}

function syncLine(entry: CheckInEntry, online: boolean, t: DoorTranslate, time: (iso: string) => string): string {
  if (entry.state === 'synced')
    return t('door.sync.synced', { time: time(entry.ticket?.checkedInAt ?? entry.answeredAt ?? entry.scannedAt) });
  return t(online ? 'door.sync.sending' : 'door.sync.saved');
}
