import type { DoorStorage } from './storage';
import { createSignatureVerifier, type PublicQrKey, type SignatureVerifier } from './ticket-code';

/** One cancelled ticket of the event, as `Query.revokedTickets` lists it: what the door refuses it by. */
export interface Revocation {
  ticketId: string;
  code: string;
}

export interface RevocationPage {
  revoked: Revocation[];
  /** Pass back as `after` to get only what was cancelled since. */
  cursor?: string | null;
  /** False while more pages follow. */
  complete: boolean;
}

/** What the device needs to judge a code with no connection, for one event. */
interface StoredRevocations {
  /**
   * Where the event's list was read up to. A cursor kept from the old list of every event's
   * cancellations has the same form and continues this one.
   */
  cursor: string | null;
  revoked: Revocation[];
  refreshedAt: string;
}

interface StoredKeys {
  keys: PublicQrKey[];
  refreshedAt: string;
}

export interface TicketListsDeps {
  storage: Pick<DoorStorage, 'get' | 'set'>;
  fetchKeys: () => Promise<PublicQrKey[]>;
  /** A page of the event's revocation list, after `after`; throws when there is no usable answer. */
  fetchRevocations: (eventId: string, after: string | null) => Promise<RevocationPage>;
  now?: () => Date;
}

export interface ListsStatus {
  keysAt?: string;
  revocationsAt?: string;
  revokedCount: number;
  refreshing: boolean;
}

/** A safety stop: 200 pages of 5,000 is a million cancelled tickets in one refresh. */
const MAX_PAGES = 200;

/**
 * The public QR keys and the event's revoked tickets, kept on the device (IndexedDB) and refreshed
 * whenever there is a connection. The keys rotate; a key the device has never seen is fetched once
 * when a code names it.
 */
export function createTicketLists(deps: TicketListsDeps) {
  const now = deps.now ?? (() => new Date());
  const listeners = new Set<() => void>();
  let eventId = '';
  let keys: StoredKeys | undefined;
  let revocations: StoredRevocations | undefined;
  let revokedIds = new Set<string>();
  let revokedCodes = new Set<string>();
  let verifier: SignatureVerifier = createSignatureVerifier([]);
  let refreshing: Promise<boolean> | undefined;

  const changed = () => {
    for (const listener of listeners) listener();
  };
  const revocationsKey = () => `revocations:${eventId}`;

  function adoptKeys(stored: StoredKeys | undefined) {
    keys = stored;
    verifier = createSignatureVerifier(stored?.keys ?? []);
  }

  function adoptRevocations(stored: StoredRevocations | undefined) {
    revocations = stored;
    revokedIds = new Set(stored?.revoked.map((r) => r.ticketId));
    revokedCodes = new Set(stored?.revoked.map((r) => r.code));
  }

  async function refreshKeys() {
    const stored = { keys: await deps.fetchKeys(), refreshedAt: now().toISOString() };
    await deps.storage.set('keys', stored);
    adoptKeys(stored);
  }

  async function refreshRevocations() {
    const forEvent = eventId;
    let cursor = revocations?.cursor ?? null;
    const revoked = [...(revocations?.revoked ?? [])];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer = await deps.fetchRevocations(forEvent, cursor);
      for (const r of answer.revoked) revoked.push({ ticketId: r.ticketId, code: r.code });
      cursor = answer.cursor ?? cursor;
      if (answer.complete) break;
    }
    if (forEvent !== eventId) return; // the door switched events meanwhile
    const stored = { cursor, revoked, refreshedAt: now().toISOString() };
    await deps.storage.set(revocationsKey(), stored);
    adoptRevocations(stored);
  }

  return {
    /** Reads what the device kept for `forEvent`. */
    async load(forEvent: string) {
      eventId = forEvent;
      adoptKeys(await deps.storage.get<StoredKeys>('keys'));
      adoptRevocations(await deps.storage.get<StoredRevocations>(revocationsKey()));
      changed();
    },

    /** Fetches both lists; false when there was no answer (the cached ones stay in use). */
    refresh(): Promise<boolean> {
      refreshing ??= Promise.all([refreshKeys(), refreshRevocations()])
        .then(
          () => true,
          () => false,
        )
        .finally(() => {
          refreshing = undefined;
          changed();
        });
      changed();
      return refreshing;
    },

    /** Refreshes now, when the connection comes back, and every `intervalMs`. */
    autoRefresh(intervalMs = 30_000): () => void {
      const refresh = () => {
        if (navigator.onLine) void this.refresh();
      };
      refresh();
      window.addEventListener('online', refresh);
      const timer = setInterval(refresh, intervalMs);
      return () => {
        window.removeEventListener('online', refresh);
        clearInterval(timer);
      };
    },

    /** The verifier over the cached keys. */
    verifier: () => verifier,
    hasKey: (kid: string) => keys?.keys.some((key) => key.kid === kid) ?? false,
    /** When the key stops vouching for codes (its `exp`); undefined for a key with no end, or one not cached. */
    keyExpiresAt: (kid: string) => expiryOf(keys?.keys.find((key) => key.kid === kid)),
    /** After a code named an unknown key: the keys may have rotated since they were cached. */
    async refreshKeys(): Promise<boolean> {
      try {
        await refreshKeys();
        return true;
      } catch {
        return false;
      } finally {
        changed();
      }
    },
    isRevoked: (ticketId: string) => revokedIds.has(ticketId),
    isRevokedCode: (code: string) => revokedCodes.has(code),
    ready: () => keys !== undefined && revocations !== undefined,

    status(): ListsStatus {
      return {
        keysAt: keys?.refreshedAt,
        revocationsAt: revocations?.refreshedAt,
        revokedCount: revokedIds.size,
        refreshing: refreshing !== undefined,
      };
    },

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type TicketLists = ReturnType<typeof createTicketLists>;

/** A key's `exp` (unix seconds) as a time; a key without a usable one never expires. */
function expiryOf(key: PublicQrKey | undefined): Date | undefined {
  return typeof key?.exp === 'number' && Number.isFinite(key.exp) ? new Date(key.exp * 1000) : undefined;
}
