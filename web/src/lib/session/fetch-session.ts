import { REFRESH_TOKEN_KEY, SESSION_CHANNEL } from './keys';
import { createSession, type Session, type SessionChannel, type SessionMessage } from './session';
import type { LockManagerLike, RefreshTokenStore, TokenPair } from './single-flight';

/**
 * The same session as `createBrowserSession` (the refresh token in localStorage under
 * `sbor.refreshToken`, refreshes single-flight under the `sbor-refresh` Web Lock, tabs in step over
 * the `sbor-session` channel), for a page that carries no GraphQL client: the door app, whose
 * first load must stay small. Its two calls are plain `fetch` with the documents as strings, not
 * `api.ts`'s typed documents, which bring GraphQL's printer and the generated document map.
 * Door tabs and shop tabs of one origin therefore share one session and never trip reuse detection.
 */
export function createFetchSession(graphqlUrl: string, options: { retryDelaysMs?: readonly number[] } = {}): Session {
  return createSession({ locks: browserLocks(), store: localStore, channel: browserChannel(), api: fetchApi(graphqlUrl), ...options });
}

const REFRESH = /* GraphQL */ `
  mutation PlainRefreshSession($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      accessToken
      refreshToken
    }
  }
`;

const LOGOUT = /* GraphQL */ `
  mutation PlainEndSession($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`;

interface Answer {
  data?: { refreshToken?: TokenPair } | null;
  errors?: { extensions?: { code?: unknown } }[];
}

function fetchApi(graphqlUrl: string) {
  async function post(query: string, variables: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
    });
    try {
      return (await response.json()) as Answer;
    } catch {
      throw new Error(`Unreadable answer (HTTP ${response.status}) to a session call`);
    }
  }
  return {
    async refresh(refreshToken: string): Promise<TokenPair | 'ended'> {
      const answer = await post(REFRESH, { refreshToken });
      if (answer.data?.refreshToken) return answer.data.refreshToken;
      // Only a refusal ends the session; a rate limit or an outage leaves the token for a later try.
      if (answer.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) return 'ended';
      throw new Error('The session could not be refreshed now');
    },
    async logout(refreshToken: string) {
      await post(LOGOUT, { refreshToken });
    },
  };
}

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

function safely<T>(action: () => T, fallback: T): T {
  try {
    return action();
  } catch {
    return fallback; // storage disabled (a private mode): the session lasts as long as the page
  }
}
