import { ApolloLink } from '@apollo/client/link';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { print } from '@apollo/client/utilities';
import type { GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import type { TokenSource } from './auth-link';

/**
 * The router closes a socket with 4401 when its token expires or is refused (DESIGN.md, "Auth"),
 * and with 4503 when it cannot check the token at all (its signing keys are unreachable): the
 * session may well be good then, so a 4503 is retried like a dropped network, never a sign-out.
 */
const UNAUTHORIZED = 4401;

/** The first wait before reconnecting and the longest, in ms; each attempt in a row doubles it. */
const RECONNECT_BACKOFF_MS: readonly [first: number, ceiling: number] = [1_000, 30_000];

const isCloseEvent = (value: unknown): value is { code: number; reason: string } =>
  typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;

const sessionEnded = () =>
  new CombinedGraphQLErrors({
    errors: [{ message: 'The session has ended.', extensions: { code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' } }],
  });

/**
 * Subscriptions over graphql-ws on the router's /graphql. The socket authenticates in
 * `connection_init` with the session's token. graphql-ws treats 4401 as fatal, so the link itself
 * refreshes the session and subscribes again (graphql-ws opens a new socket with the new token);
 * a second refusal in a row, without a connection in between, is final. Any other close (4503,
 * a dropped network, a router restart) reconnects after a jittered wait that doubles up to a
 * ceiling, so a long outage is retried every half minute or so rather than ever more rarely.
 */
export function createSubscriptionTransport(
  url: string,
  session: TokenSource,
  backoffMs: readonly [first: number, ceiling: number] = RECONNECT_BACKOFF_MS,
): { link: ApolloLink; client: Client } {
  let tokenInUse: string | undefined;
  let refusals = 0;
  const client = createClient({
    url,
    lazy: true,
    retryAttempts: Infinity,
    retryWait: (retries) => wait(reconnectDelay(retries, backoffMs)),
    connectionParams: async () => {
      tokenInUse = await session.accessToken();
      return tokenInUse ? { authorization: `Bearer ${tokenInUse}` } : {};
    },
    on: {
      connected: () => {
        refusals = 0;
      },
      closed: (event) => {
        if (isCloseEvent(event) && event.code === UNAUTHORIZED) refusals += 1;
      },
    },
  });

  const link = new ApolloLink((operation) => {
    const request = {
      query: print(operation.query),
      variables: operation.variables,
      operationName: operation.operationName,
      extensions: operation.extensions,
    };
    const subscribe = (): Observable<ApolloLink.Result> =>
      new Observable<ApolloLink.Result>((observer) =>
        client.subscribe(request, {
          next: (value) => observer.next(value as ApolloLink.Result),
          complete: () => observer.complete(),
          error: (error: unknown) => observer.error(error),
        }),
      ).pipe(
        catchError((error: unknown) => {
          if (isCloseEvent(error) && error.code === UNAUTHORIZED) {
            if (refusals > 1) return throwError(sessionEnded);
            return from(session.refresh(tokenInUse)).pipe(mergeMap((token) => (token ? subscribe() : throwError(sessionEnded))));
          }
          return throwError(() => asError(error));
        }),
      );
    return subscribe();
  });
  return { link, client };
}

function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (isCloseEvent(error)) return new Error(`Socket closed with event ${error.code} ${error.reason}`);
  const errors = (Array.isArray(error) ? error : [error]) as GraphQLFormattedError[];
  return new CombinedGraphQLErrors({ errors });
}

/** Jittered, so the clients a router dropped do not all come back in the same moment. */
function reconnectDelay(retries: number, [first, ceiling]: readonly [number, number]): number {
  return Math.min(first * 2 ** retries, ceiling) * (0.5 + Math.random() / 2);
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
