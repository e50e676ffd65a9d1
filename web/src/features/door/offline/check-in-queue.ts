import type { DoorStorage } from './storage';

/**
 * Every check-in this device makes goes through this queue, online or not: it is stored first
 * (IndexedDB), then sent to the server one at a time, oldest first. Offline it waits, and the door
 * keeps admitting people on the signature alone; back online it syncs.
 *
 * From the door's point of view a check-in happens once. The one hard case is a request that got no
 * answer (the connection dropped mid-way): the server may have applied it, so the retry can hear
 * "already used". `checkInTicket` does not say who checked a ticket in, so that answer counts as
 * this device's own only when the server's check-in time falls within this device's unanswered
 * attempts; otherwise someone else admitted the ticket, and the door shows a conflict.
 */

/** pending: not yet accepted by the server; synced: the server checked it in; conflict: the server said no. */
export type CheckInState = 'pending' | 'synced' | 'conflict';

/** Why the server refused a check-in. */
export type Refusal = 'USED' | 'CANCELLED' | 'WRONG_EVENT' | 'NOT_FOUND' | 'EXPIRED' | 'NOT_ALLOWED';

/** What the door can show about a ticket: from the event's cached ticket types, or the server's answer. */
export interface TicketFacts {
  ticketId?: string;
  typeName?: string;
  ownerName?: string;
  /** Who the ticket is for, as the buyer named them; only the server knows it (a QR code does not carry it). */
  attendeeName?: string;
  checkedInAt?: string;
}

export interface CheckInEntry {
  id: string;
  eventId: string;
  /** What `checkInTicket` receives: the QR payload, or the short code as typed. */
  code: string;
  /** True when this device verified the code's signature (a QR payload); false for a typed code. */
  verified: boolean;
  /** Known from the payload, or from the server's answer. */
  ticketId?: string;
  /** When the door admitted the ticket (ISO). */
  scannedAt: string;
  state: CheckInState;
  /** When requests for this entry were sent without an answer (ISO): the server may have applied one. */
  unanswered: string[];
  refusal?: { reason: Refusal; checkedInAt?: string };
  ticket?: TicketFacts;
  /** When the server answered (ISO). */
  answeredAt?: string;
}

export type SendOutcome =
  | { kind: 'checked-in'; ticket: TicketFacts }
  | { kind: 'refused'; reason: Refusal; checkedInAt?: string }
  /** Offline, a timeout, or a server failure: the request may or may not have landed. */
  | { kind: 'no-answer' }
  /** Nothing was sent: signed out, or the session could not be renewed yet. */
  | { kind: 'not-sent' };

export interface CheckInQueueDeps {
  storage: Pick<DoorStorage, 'checkIns' | 'putCheckIn' | 'deleteCheckIns'>;
  /** Sends one check-in to the server (`checkInTicket`). */
  send: (entry: CheckInEntry) => Promise<SendOutcome>;
  isOnline?: () => boolean;
  now?: () => Date;
  newId?: () => string;
}

export interface NewCheckIn {
  eventId: string;
  code: string;
  verified: boolean;
  ticketId?: string;
  ticket?: TicketFacts;
}

/** A server's clock and this device's differ; a request takes a while. */
const OWN_ATTEMPT_MARGIN_MS = 2 * 60 * 1000;
/** Synced check-ins are kept this long, so a ticket scanned again still reads USED here. */
const KEEP_SYNCED_MS = 3 * 24 * 60 * 60 * 1000;

export function createCheckInQueue(deps: CheckInQueueDeps) {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const isOnline = deps.isOnline ?? (() => navigator.onLine);
  const listeners = new Set<() => void>();
  let all: CheckInEntry[] = [];
  let syncing: Promise<void> | undefined;
  let again = false;

  const changed = () => {
    all = [...all];
    for (const listener of listeners) listener();
  };

  async function save(entry: CheckInEntry) {
    await deps.storage.putCheckIn(entry);
    const at = all.findIndex((e) => e.id === entry.id);
    if (at === -1) all.push(entry);
    else all[at] = entry;
    changed();
  }

  /** The server says USED: was that this device's own earlier request, which got no answer? */
  function isOwnEarlierAttempt(entry: CheckInEntry, checkedInAt: string | undefined): boolean {
    if (!checkedInAt || entry.unanswered.length === 0) return false;
    const at = Date.parse(checkedInAt);
    const times = entry.unanswered.map((t) => Date.parse(t));
    return at >= Math.min(...times) - OWN_ATTEMPT_MARGIN_MS && at <= Math.max(...times) + OWN_ATTEMPT_MARGIN_MS;
  }

  /** False when the server could not be reached: the rest waits for the next try. */
  async function syncOne(entry: CheckInEntry): Promise<boolean> {
    const earlier = entry.unanswered;
    // Stored before sending: if the page dies mid-request, the next try knows one may have landed.
    await save({ ...entry, unanswered: [...earlier, now().toISOString()] });
    const outcome = await deps.send(entry);
    if (outcome.kind === 'no-answer') return false;
    if (outcome.kind === 'not-sent') {
      await save({ ...entry, unanswered: earlier });
      return false;
    }
    // Answered: the ticket's fate is known, and the earlier attempts no longer matter.
    const settled = { ...entry, unanswered: [], answeredAt: now().toISOString() };
    if (outcome.kind === 'checked-in') {
      await save({
        ...settled,
        state: 'synced',
        ticketId: entry.ticketId ?? outcome.ticket.ticketId,
        ticket: { ...entry.ticket, ...outcome.ticket },
      });
    } else if (outcome.reason === 'USED' && isOwnEarlierAttempt(entry, outcome.checkedInAt)) {
      await save({ ...settled, state: 'synced', ticket: { ...entry.ticket, checkedInAt: outcome.checkedInAt } });
    } else {
      await save({ ...settled, state: 'conflict', refusal: { reason: outcome.reason, checkedInAt: outcome.checkedInAt } });
    }
    return true;
  }

  async function syncAll() {
    do {
      again = false;
      if (!isOnline()) return;
      const pending = all.filter((e) => e.state === 'pending').sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
      for (const entry of pending) {
        if (!(await syncOne(entry))) return;
      }
    } while (again);
  }

  return {
    /** Reads what the device stored, and forgets synced check-ins older than a few days. */
    async load() {
      const stored = await deps.storage.checkIns();
      const cutoff = now().getTime() - KEEP_SYNCED_MS;
      const old = stored.filter((e) => e.state === 'synced' && Date.parse(e.scannedAt) < cutoff);
      if (old.length > 0) await deps.storage.deleteCheckIns(old.map((e) => e.id));
      all = stored.filter((e) => !old.includes(e));
      changed();
    },

    /** The event's check-ins, newest first. */
    entries(eventId: string): CheckInEntry[] {
      return all.filter((e) => e.eventId === eventId).sort((a, b) => b.scannedAt.localeCompare(a.scannedAt));
    },

    /** True while a sync is under way. */
    isSyncing: () => syncing !== undefined,

    get(id: string): CheckInEntry | undefined {
      return all.find((e) => e.id === id);
    },

    /** The latest check-in of a ticket (by id from a payload, or by the code as sent) on this device. */
    latestFor(eventId: string, match: { ticketId?: string; code?: string }): CheckInEntry | undefined {
      return this.entries(eventId).find(
        (e) => (match.ticketId !== undefined && e.ticketId === match.ticketId) || (match.code !== undefined && e.code === match.code),
      );
    },

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Stores a check-in and starts syncing it. */
    async add(checkIn: NewCheckIn): Promise<CheckInEntry> {
      const entry: CheckInEntry = { ...checkIn, id: newId(), scannedAt: now().toISOString(), state: 'pending', unanswered: [] };
      await save(entry);
      void this.sync();
      return entry;
    },

    /**
     * Forgets a synced check-in the server has since taken back (`undoCheckIn`): the ticket is
     * valid again, so a new scan must not read USED from this device's memory of it.
     */
    async forget(id: string): Promise<void> {
      const entry = all.find((e) => e.id === id);
      if (!entry || entry.state !== 'synced') return;
      await deps.storage.deleteCheckIns([id]);
      all = all.filter((e) => e.id !== id);
      changed();
    },

    /** Sends what is pending, one at a time; a call while a sync runs makes it go round once more. */
    sync(): Promise<void> {
      if (syncing) {
        again = true;
        return syncing;
      }
      syncing = syncAll().finally(() => {
        syncing = undefined;
        changed();
      });
      changed();
      return syncing;
    },

    /** Syncs when the connection comes back and every `intervalMs` while something is pending. */
    autoSync(intervalMs = 15_000): () => void {
      const sync = () => void this.sync();
      window.addEventListener('online', sync);
      const timer = setInterval(() => {
        if (all.some((e) => e.state === 'pending')) sync();
      }, intervalMs);
      return () => {
        window.removeEventListener('online', sync);
        clearInterval(timer);
      };
    },
  };
}

export type CheckInQueue = ReturnType<typeof createCheckInQueue>;
