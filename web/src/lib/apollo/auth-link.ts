import { ApolloLink } from '@apollo/client/link';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { defer, from, mergeMap, of, catchError, throwError, type Observable } from 'rxjs';
import { firstApiError, isStaleTokenError } from '../api/errors';

/** The part of the session the link needs. */
export interface TokenSource {
  accessToken(): Promise<string | undefined>;
  refresh(stale?: string): Promise<string | undefined>;
}

/**
 * Sends the session's access token as `Authorization: Bearer …` (refreshed ahead of its expiry).
 * When the router still answers UNAUTHENTICATED with `reason: TOKEN_EXPIRED` (clock skew, a laptop
 * waking up), the link refreshes once, through the session's single flight, and sends again.
 */
export function createAuthLink(session: TokenSource): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const send = (token: string | undefined, retried: boolean): Observable<ApolloLink.Result> => {
      operation.setContext(({ headers = {} }) => {
        const { authorization: _previous, ...rest } = headers as Record<string, string>;
        return { headers: token ? { ...rest, authorization: `Bearer ${token}` } : rest };
      });
      const retry = (failure: unknown) =>
        !retried && token !== undefined && isStaleTokenError(firstApiError(failure))
          ? from(session.refresh(token)).pipe(mergeMap((next) => (next ? send(next, true) : throwError(() => failure))))
          : undefined;
      return forward(operation).pipe(
        mergeMap((result) => (result.errors ? (retry(new CombinedGraphQLErrors(result)) ?? of(result)) : of(result))),
        catchError((error: unknown) => retry(error) ?? throwError(() => error)),
      );
    };
    return defer(() => from(session.accessToken())).pipe(mergeMap((token) => send(token, false)));
  });
}
