import { readClaims, type TokenClaims } from './claims';
import { createRefresher, withLock, type Exchange, type LockManagerLike, type RefreshTokenStore, type TokenPair } from './single-flight';

export type SessionState =
  /** A stored refresh token is being traded for an access token (page load). */
  { status: 'restoring' } | { status: 'signed-out' } | { status: 'signed-in'; accessToken: string; claims: TokenClaims };

/** What tabs tell each other (a BroadcastChannel in the browser). */
export type SessionMessage = { type: 'signed-in'; accessToken: string } | { type: 'signed-out' };

export interface SessionChannel {
  post(message: SessionMessage): void;
  listen(handler: (message: SessionMessage) => void): () => void;
}

export interface SessionDeps {
  locks?: LockManagerLike;
  store: RefreshTokenStore;
  channel?: SessionChannel;
  api: { refresh: Exchange; logout: (refreshToken: string) => Promise<void> };
  now?: () => number;
  /** Waits between restore attempts while the server cannot be reached. */
  retryDelaysMs?: readonly number[];
}

export interface Session {
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
  /** A token good for a while yet, refreshed first when it is about to expire; undefined when signed out. */
  accessToken(): Promise<string | undefined>;
  /** `stale` was refused as expired: the next token, from one refresh however many callers ask. */
  refresh(stale?: string): Promise<string | undefined>;
  /** After register or login: keeps the refresh token and tells the other tabs. */
  signIn(pair: TokenPair): Promise<void>;
  /** Forgets the tokens here and in every tab, and ends the session on the server. */
  signOut(): Promise<void>;
  /** On page load: a stored refresh token becomes a session again. */
  restore(): Promise<void>;
  dispose(): void;
}

/** Refresh this long before the access token expires, so a request never carries a dying one. */
export const EXPIRY_MARGIN_MS = 30_000;
const RETRY_DELAYS_MS = [1_000, 3_000, 10_000, 30_000];

export function createSession(deps: SessionDeps): Session {
  const now = deps.now ?? Date.now;
  const listeners = new Set<() => void>();
  let state: SessionState = deps.store.read() ? { status: 'restoring' } : { status: 'signed-out' };
  let restoring: Promise<void> | undefined;

  const setState = (next: SessionState) => {
    if (
      next.status === state.status &&
      (next.status !== 'signed-in' || (state.status === 'signed-in' && state.accessToken === next.accessToken))
    )
      return;
    state = next;
    for (const listener of listeners) listener();
  };
  const signedIn = (accessToken: string) => {
    const claims = readClaims(accessToken);
    setState(claims ? { status: 'signed-in', accessToken, claims } : { status: 'signed-out' });
  };
  const isFresh = (accessToken: string) => (readClaims(accessToken)?.expiresAt ?? 0) - now() > EXPIRY_MARGIN_MS;

  const refresher = createRefresher({
    locks: deps.locks,
    store: deps.store,
    exchange: deps.api.refresh,
    current: () => (state.status === 'signed-in' ? state.accessToken : undefined),
    isFresh,
    announce: (accessToken) => deps.channel?.post({ type: 'signed-in', accessToken }),
  });

  const unlisten = deps.channel?.listen((message) => {
    if (message.type === 'signed-in') signedIn(message.accessToken);
    else setState({ status: 'signed-out' });
  });

  async function refresh(stale?: string): Promise<string | undefined> {
    const outcome = await refresher(stale);
    if (outcome.kind === 'ended') {
      deps.channel?.post({ type: 'signed-out' });
      setState({ status: 'signed-out' });
      return undefined;
    }
    signedIn(outcome.accessToken);
    return outcome.accessToken;
  }

  async function restoreOnce(delays: readonly number[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await refresh();
        return;
      } catch {
        // No answer: the refresh token may still be good, so keep it and try again later.
        await sleep(delays[Math.min(attempt, delays.length - 1)] ?? 1_000);
        if (state.status !== 'restoring') return; // another tab signed in or out meanwhile
      }
    }
  }

  function restore(): Promise<void> {
    if (state.status !== 'restoring') return Promise.resolve();
    restoring ??= restoreOnce(deps.retryDelaysMs ?? RETRY_DELAYS_MS).finally(() => {
      restoring = undefined;
    });
    return restoring;
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async accessToken() {
      if (state.status === 'restoring') await restore();
      const current = state;
      if (current.status !== 'signed-in') return undefined;
      return isFresh(current.accessToken) ? current.accessToken : refresh(current.accessToken);
    },
    refresh,
    async signIn(pair) {
      // Under the lock, so a refresh running in another tab cannot write its token over this one.
      await withLock(deps.locks, async () => {
        deps.store.write(pair.refreshToken);
        deps.channel?.post({ type: 'signed-in', accessToken: pair.accessToken });
      });
      signedIn(pair.accessToken);
    },
    async signOut() {
      const refreshToken = await withLock(deps.locks, async () => {
        const stored = deps.store.read();
        deps.store.clear();
        deps.channel?.post({ type: 'signed-out' });
        return stored;
      });
      setState({ status: 'signed-out' });
      // Locally the session is over either way; the server call revokes the refresh token's family.
      if (refreshToken) await deps.api.logout(refreshToken).catch(() => undefined);
    },
    restore,
    dispose() {
      unlisten?.();
      listeners.clear();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
