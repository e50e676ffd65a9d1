import type { SessionChannel, SessionMessage } from './session';
import type { Exchange, LockManagerLike, RefreshTokenStore, TokenPair } from './single-flight';

/**
 * Fakes of what a browser gives several tabs of one origin: one localStorage, one lock manager, one
 * broadcast channel; and an auth server that rotates refresh tokens and, like the users service,
 * revokes a whole session when a used refresh token comes back.
 */

/** Web Locks semantics: one holder at a time, waiters served in order. */
export function fakeLocks(): LockManagerLike & { held: () => boolean } {
  let tail: Promise<unknown> = Promise.resolve();
  let holders = 0;
  return {
    request<T>(_name: string, task: () => Promise<T>) {
      const run = tail.then(async () => {
        holders += 1;
        try {
          return await task();
        } finally {
          holders -= 1;
        }
      });
      tail = run.catch(() => undefined);
      return run;
    },
    held: () => holders > 0,
  };
}

export function memoryStore(initial: string | null = null): RefreshTokenStore & { value: string | null } {
  return {
    value: initial,
    read() {
      return this.value;
    },
    write(token) {
      this.value = token;
    },
    clear() {
      this.value = null;
    },
  };
}

/** A BroadcastChannel: a message reaches every other tab, later (a task), never the sender. */
export function channelHub() {
  const tabs = new Set<(message: SessionMessage) => void>();
  return {
    tab(): SessionChannel {
      let own: ((message: SessionMessage) => void) | undefined;
      return {
        post: (message) => {
          for (const deliver of tabs) if (deliver !== own) setTimeout(() => deliver(message), 0);
        },
        listen(handler) {
          own = handler;
          tabs.add(handler);
          return () => tabs.delete(handler);
        },
      };
    },
  };
}

/** An unsigned JWT with the claims the client reads. */
export function accessToken(userId: string, expiresAt: number, role = 'USER'): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'none' })}.${part({ sub: userId, role, exp: Math.floor(expiresAt / 1000) })}.sig`;
}

export function fakeAuthServer(options: { now?: () => number; ttlMs?: number } = {}) {
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? 15 * 60_000;
  const tokens = new Map<string, { family: number; used: boolean }>();
  const users = new Map<number, string>();
  const revoked = new Set<number>();
  let serial = 0;
  const server = {
    exchanges: [] as string[],
    reuseDetected: 0,
    /** When set, the next exchange fails like a dropped connection. */
    failNext: false,
    signIn(userId = 'user-1'): TokenPair {
      const family = serial++;
      return server.issue(family, userId);
    },
    issue(family: number, userId = users.get(family) ?? 'user-1'): TokenPair {
      users.set(family, userId);
      const refreshToken = `rt-${family}-${serial++}`;
      tokens.set(refreshToken, { family, used: false });
      return { accessToken: accessToken(userId, now() + ttl), refreshToken };
    },
    refresh: (async (refreshToken) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (server.failNext) {
        server.failNext = false;
        throw new TypeError('Failed to fetch');
      }
      server.exchanges.push(refreshToken);
      const entry = tokens.get(refreshToken);
      if (!entry || revoked.has(entry.family)) return 'ended';
      if (entry.used) {
        server.reuseDetected += 1;
        revoked.add(entry.family);
        return 'ended';
      }
      entry.used = true;
      return server.issue(entry.family);
    }) as Exchange,
    async logout(refreshToken: string) {
      const entry = tokens.get(refreshToken);
      if (entry) revoked.add(entry.family);
    },
    isRevoked(refreshToken: string) {
      const entry = tokens.get(refreshToken);
      return !entry || revoked.has(entry.family);
    },
  };
  return server;
}
