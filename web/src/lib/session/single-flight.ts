/** The part of the Web Locks API (`navigator.locks`) the refresh needs. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Where the refresh token lives between page loads (localStorage in the browser). */
export interface RefreshTokenStore {
  read(): string | null;
  write(refreshToken: string): void;
  clear(): void;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * Trades a refresh token for a new pair. `'ended'` when the server refused it (used, revoked or
 * expired: the session is over); throws when there was no answer (the token may still be good).
 */
export type Exchange = (refreshToken: string) => Promise<TokenPair | 'ended'>;

export type RefreshOutcome =
  /** This tab rotated the refresh token. */
  | { kind: 'rotated'; accessToken: string }
  /** Another tab rotated it while this one waited for the lock, and shared its access token. */
  | { kind: 'shared'; accessToken: string }
  | { kind: 'ended' };

export interface RefresherDeps {
  /** Absent where the browser has no Web Locks (an insecure origin): single-flight within the tab only. */
  locks?: LockManagerLike;
  store: RefreshTokenStore;
  exchange: Exchange;
  /** The access token this tab holds now; another tab may have shared a newer one while we waited. */
  current: () => string | undefined;
  /** True while a token is good for a while yet. */
  isFresh: (accessToken: string) => boolean;
  /** Called inside the lock once rotated, so other tabs hear of the new token before they can take the lock. */
  announce: (accessToken: string) => void;
}

export const REFRESH_LOCK = 'sbor-refresh';

/**
 * The refresh token rotates on every use, and presenting a used one revokes the whole session. So a
 * refresh must never present a token another refresh already presented:
 * - within a tab, every caller shares the one refresh in flight;
 * - across tabs, refreshes take turns under a Web Lock, and the token is read from storage inside
 *   the lock (the tab before may have rotated it); if that tab already shared a fresh access token,
 *   there is nothing left to do.
 */
export function createRefresher(deps: RefresherDeps) {
  let inFlight: Promise<RefreshOutcome> | undefined;

  /** `stale`: the access token that expired or failed, if any. */
  return function refresh(stale?: string): Promise<RefreshOutcome> {
    inFlight ??= withLock(deps.locks, () => rotate(stale)).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  async function rotate(stale: string | undefined): Promise<RefreshOutcome> {
    const held = deps.current();
    if (held !== undefined && held !== stale && deps.isFresh(held)) return { kind: 'shared', accessToken: held };
    const refreshToken = deps.store.read();
    if (!refreshToken) return { kind: 'ended' };
    const result = await deps.exchange(refreshToken);
    if (result === 'ended') {
      if (deps.store.read() === refreshToken) deps.store.clear();
      return { kind: 'ended' };
    }
    deps.store.write(result.refreshToken);
    deps.announce(result.accessToken);
    return { kind: 'rotated', accessToken: result.accessToken };
  }
}

export function withLock<T>(locks: LockManagerLike | undefined, task: () => Promise<T>): Promise<T> {
  return locks ? locks.request(REFRESH_LOCK, task) : task();
}
