import { CombinedGraphQLErrors, CombinedProtocolErrors, ServerError } from '@apollo/client/errors';

/** What the client needs of a GraphQL error: its code and the extensions that come with it. */
export interface ApiErrorInfo {
  code: string;
  extensions: Readonly<Record<string, unknown>>;
}

interface ErrorBody {
  errors?: { extensions?: Record<string, unknown> }[];
}

/**
 * The coded errors behind a failure, whatever layer said no: GraphQL errors in a result, the
 * subscription protocol's errors, or the GraphQL-shaped body of a non-2xx answer (the router answers
 * a bad access token with 401 and `{ errors: [{ extensions: { code, reason } }] }` before planning).
 */
export function apiErrorsOf(error: unknown): ApiErrorInfo[] {
  if (CombinedGraphQLErrors.is(error) || CombinedProtocolErrors.is(error)) return error.errors.flatMap(coded);
  if (ServerError.is(error)) return codedBody(error.bodyText);
  return [];
}

export function firstApiError(error: unknown): ApiErrorInfo | undefined {
  return apiErrorsOf(error)[0];
}

/** An expired (or no longer valid) access token: refresh once and try again. */
export function isStaleTokenError(error: ApiErrorInfo | undefined): boolean {
  return error?.code === 'UNAUTHENTICATED' && (error.extensions.reason === 'TOKEN_EXPIRED' || error.extensions.reason === 'TOKEN_INVALID');
}

function coded(error: { extensions?: Readonly<Record<string, unknown>> }): ApiErrorInfo[] {
  const code = error.extensions?.code;
  return typeof code === 'string' ? [{ code, extensions: error.extensions ?? {} }] : [];
}

function codedBody(text: string): ApiErrorInfo[] {
  try {
    return ((JSON.parse(text) as ErrorBody).errors ?? []).flatMap(coded);
  } catch {
    return [];
  }
}
