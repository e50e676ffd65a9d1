import type { Session } from '@/lib/session/session';

/**
 * The door's GraphQL client: plain `fetch` and the few documents as strings, no Apollo, so the
 * door's first load stays small. Each document carries the GraphQL tag comment, so codegen still
 * checks it against the API schema and types its result (`@/__generated__/graphql`).
 */

/** Why a call did not give data. Turned into a sentence by `failureMessage`, never shown raw. */
export type Failure =
  /** The API said no, with a code (docs/api.md). */
  | { kind: 'api'; code: string; extensions: Record<string, unknown> }
  /** No answer: offline, refused, or too slow. The request may or may not have landed. */
  | { kind: 'no-answer' }
  /** An answer that was not GraphQL (a proxy's error page, a crash). */
  | { kind: 'server'; status: number }
  /** No session to call with. */
  | { kind: 'signed-out' };

export type Answer<T> = { ok: true; data: T } | { ok: false; failure: Failure };

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { extensions?: Record<string, unknown> }[];
}

/** A door at a flaky venue must not hang on one request. */
const TIMEOUT_MS = 15_000;

export interface DoorApiOptions {
  graphqlUrl: string;
  session: Pick<Session, 'accessToken' | 'refresh'>;
  timeoutMs?: number;
}

export function createDoorApi({ graphqlUrl, session, timeoutMs = TIMEOUT_MS }: DoorApiOptions) {
  async function post<T>(query: string, variables: object, accessToken?: string): Promise<Answer<T>> {
    let response: Response;
    try {
      response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      return { ok: false, failure: { kind: 'no-answer' } };
    }
    let body: GraphQLBody<T>;
    try {
      body = (await response.json()) as GraphQLBody<T>;
    } catch {
      return { ok: false, failure: response.status >= 500 ? { kind: 'no-answer' } : { kind: 'server', status: response.status } };
    }
    const coded = body.errors?.find((error) => typeof error.extensions?.code === 'string');
    if (coded) return { ok: false, failure: { kind: 'api', code: coded.extensions!.code as string, extensions: coded.extensions! } };
    if (body.data && !body.errors) return { ok: true, data: body.data };
    return { ok: false, failure: { kind: 'server', status: response.status } };
  }

  return {
    /** A call anyone may make (sign in). */
    anonymous: <T>(query: string, variables: object) => post<T>(query, variables),

    /** A call as the signed-in user; an expired token is refreshed once (single-flight) and the call repeated. */
    async signedIn<T>(query: string, variables: object): Promise<Answer<T>> {
      let token: string | undefined;
      try {
        token = await session.accessToken();
      } catch {
        return { ok: false, failure: { kind: 'no-answer' } };
      }
      if (!token) return { ok: false, failure: { kind: 'signed-out' } };
      const first = await post<T>(query, variables, token);
      if (first.ok || !isStaleToken(first.failure)) return first;
      let fresh: string | undefined;
      try {
        fresh = await session.refresh(token);
      } catch {
        return { ok: false, failure: { kind: 'no-answer' } };
      }
      return fresh ? post<T>(query, variables, fresh) : { ok: false, failure: { kind: 'signed-out' } };
    },
  };
}

export type DoorApi = ReturnType<typeof createDoorApi>;

function isStaleToken(failure: Failure): boolean {
  return (
    failure.kind === 'api' &&
    failure.code === 'UNAUTHENTICATED' &&
    (failure.extensions.reason === 'TOKEN_EXPIRED' || failure.extensions.reason === 'TOKEN_INVALID')
  );
}

/** Where the API is: the page's own origin, unless `VITE_SBOR_API` names another (served with CORS). */
export function apiUrls(configured: string | undefined = import.meta.env.VITE_SBOR_API) {
  const graphql = new URL(configured || '/graphql', window.location.href);
  return {
    graphql: graphql.href,
    keys: new URL('/tickets/keys', graphql).href,
  };
}
