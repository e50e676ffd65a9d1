/** @jsxImportSource preact */
import { formatScanTime } from '../format';
import { useOnline, useSubscription } from '../hooks';
import { useDoorI18n, type DoorMessageKey, type DoorTranslate } from '../i18n';
import type { CheckInEntry } from '../offline/check-in-queue';
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

/**
 * The verdict, big, in colour, sign and words, in a live region so a screen reader announces each
 * scan. When the scan queued a check-in, its sync follows: the server may still turn a VALID into
 * a conflict (already checked in at another door).
 */
export function ScanResultPanel({ result, onScanNext }: { result: ScanResult | undefined; onScanNext: () => void }) {
  const { t, locale } = useDoorI18n();
  const { queue } = useDoorServices();
  useSubscription(queue);
  const online = useOnline();
  const entry = result?.checkInId ? queue.get(result.checkInId) : undefined;
  const conflict = entry?.state === 'conflict' && entry.refusal ? entry.refusal : undefined;
  const verdict = conflict ? verdictOfRefusal(conflict) : result?.verdict;
  const time = (iso: string) => formatScanTime(iso, locale);

  return (
    <section class="door-result-area" aria-label={t('door.result.label')}>
      <div
        class={`door-result ${verdict ? `is-${verdict.status.toLowerCase().replace('_', '-')}` : 'is-idle'}`}
        role="status"
        aria-live="assertive"
        aria-atomic="true"
      >
        {verdict && result ? (
          <>
            <p class="door-result-headline">
              <span aria-hidden="true" class="door-result-sign">
                {SIGN[verdict.status]}
              </span>{' '}
              <span>{t(HEADLINE[verdict.status])}</span>
            </p>
            {conflict && <p class="door-result-conflict">{t('door.result.conflict')}</p>}
            <p>{detail(verdict, t, time)}</p>
            {result.ticket?.typeName && <p>{t('door.result.ticketType', { name: result.ticket.typeName })}</p>}
            {(entry?.ticket?.ownerName ?? result.ticket?.ownerName) && (
              <p>{t('door.result.holder', { name: (entry?.ticket?.ownerName ?? result.ticket?.ownerName)! })}</p>
            )}
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
    </section>
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
