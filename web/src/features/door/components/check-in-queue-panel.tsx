/** @jsxImportSource preact */
import { formatScanTime } from '../format';
import { useOnline, useSubscription } from '../hooks';
import { useDoorI18n, type DoorTranslate } from '../i18n';
import type { CheckInEntry, CheckInQueue } from '../offline/check-in-queue';

/**
 * This device's check-ins for the event: how many wait for the connection, which the server
 * refused (a conflict: checked in at another door, or cancelled), and a way to sync now.
 */
export function CheckInQueuePanel({ queue, eventId }: { queue: CheckInQueue; eventId: string }) {
  const { t, locale } = useDoorI18n();
  useSubscription(queue);
  const online = useOnline();
  const entries = queue.entries(eventId);
  const pending = entries.filter((e) => e.state === 'pending');
  const conflicts = entries.filter((e) => e.state === 'conflict');
  const synced = entries.length - pending.length - conflicts.length;
  const time = (iso: string) => formatScanTime(iso, locale);
  const open = entries.filter((e) => e.state !== 'synced');

  return (
    <section class="door-queue" aria-labelledby="door-queue-heading">
      <h2 id="door-queue-heading">{t('door.queue.heading')}</h2>
      <p>
        {t('door.queue.pending', { count: pending.length })} · {t('door.queue.conflicts', { count: conflicts.length })} ·{' '}
        {t('door.queue.synced', { count: synced })}
      </p>
      {pending.length > 0 && !online && <p class="door-muted">{t('door.queue.offline')}</p>}
      {open.length > 0 && (
        <ul class="door-queue-list">
          {open.map((entry) => (
            <li key={entry.id} class={`door-queue-item is-${entry.state}`}>
              <span class="door-queue-ticket">
                {time(entry.scannedAt)} · {ticketLabel(entry, t)}
              </span>
              <span class="door-queue-state">{stateLine(entry, t, time)}</span>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        class="door-button"
        onClick={() => void queue.sync()}
        disabled={!online || pending.length === 0 || queue.isSyncing()}
      >
        {queue.isSyncing() ? t('door.queue.syncing') : t('door.queue.syncNow')}
      </button>
    </section>
  );
}

function ticketLabel(entry: CheckInEntry, t: DoorTranslate): string {
  const { typeName, ownerName } = entry.ticket ?? {};
  if (typeName && ownerName) return `${typeName}, ${ownerName}`;
  if (typeName) return typeName;
  if (!entry.verified || !entry.ticketId) return t('door.queue.code', { code: entry.code.slice(0, 14) });
  return t('door.queue.ticket', { id: entry.ticketId.slice(-4) });
}

function stateLine(entry: CheckInEntry, t: DoorTranslate, time: (iso: string) => string): string {
  if (entry.state === 'pending') return t(entry.verified ? 'door.queue.state.pending' : 'door.queue.state.unverified');
  const refusal = entry.refusal;
  if (refusal?.reason === 'USED' && refusal.checkedInAt) return t('door.queue.state.usedElsewhere', { time: time(refusal.checkedInAt) });
  return t(`door.queue.state.${refusal?.reason ?? 'NOT_FOUND'}`);
}
