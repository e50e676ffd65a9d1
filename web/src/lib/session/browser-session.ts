import { createSession, type Session, type SessionChannel, type SessionMessage } from './session';
import { sessionApi } from './api';
import { REFRESH_TOKEN_KEY, SESSION_CHANNEL } from './keys';
import type { LockManagerLike, RefreshTokenStore } from './single-flight';

const localStore: RefreshTokenStore = {
  read: () => safely(() => localStorage.getItem(REFRESH_TOKEN_KEY), null),
  write: (token) => safely(() => localStorage.setItem(REFRESH_TOKEN_KEY, token), undefined),
  clear: () => safely(() => localStorage.removeItem(REFRESH_TOKEN_KEY), undefined),
};

/** Web Locks exist in secure contexts only (HTTPS, localhost, 127.0.0.1). */
function browserLocks(): LockManagerLike | undefined {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? { request: (name, task) => locks.request(name, task) } : undefined;
}

function browserChannel(): SessionChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  return {
    post: (message) => channel.postMessage(message),
    listen(handler) {
      const onMessage = (event: MessageEvent<SessionMessage>) => handler(event.data);
      channel.addEventListener('message', onMessage);
      return () => {
        channel.removeEventListener('message', onMessage);
        channel.close();
      };
    },
  };
}

/** The page's one session, talking to the router at `graphqlUrl`. */
export function createBrowserSession(graphqlUrl: string): Session {
  return createSession({ locks: browserLocks(), store: localStore, channel: browserChannel(), api: sessionApi(graphqlUrl) });
}

function safely<T>(action: () => T, fallback: T): T {
  try {
    return action();
  } catch {
    return fallback; // storage disabled (a private mode): the session lasts as long as the page
  }
}
