import { ServerError, ServerParseError } from '@apollo/client/errors';
import { firstApiError, type ApiErrorInfo } from '../api/errors';
import { isMessageKey, type Translate } from './translate';

/**
 * The sentence a person reads for any failure: a Sbor API error code (docs/api.md), an HTTP answer
 * without one, or no answer at all. Never a raw code or a server's English message.
 */
export function errorMessage(error: unknown, t: Translate): string {
  const api = firstApiError(error);
  if (api) return apiErrorMessage(api, t);
  if (ServerError.is(error)) return t(error.statusCode === 413 ? 'error.PAYLOAD_TOO_LARGE' : 'error.SERVER');
  if (ServerParseError.is(error)) return t('error.SERVER');
  if (isNetworkFailure(error)) return t(isOffline() ? 'error.OFFLINE' : 'error.NETWORK');
  return t('error.UNKNOWN');
}

function apiErrorMessage({ code, extensions }: ApiErrorInfo, t: Translate): string {
  if (code === 'UNAUTHENTICATED') {
    if (extensions.reason === 'INVALID_CREDENTIALS') return t('error.INVALID_CREDENTIALS');
    if (extensions.reason === 'SESSION_ENDED' || extensions.reason === 'TOKEN_EXPIRED') return t('error.SESSION_ENDED');
  }
  if (code === 'RATE_LIMITED' && typeof extensions.retryAfterSeconds === 'number') {
    return t('error.RATE_LIMITED_FOR', { count: Math.ceil(extensions.retryAfterSeconds) });
  }
  const key = `error.${code}`;
  return isMessageKey(key) ? t(key) : t('error.UNKNOWN');
}

/** fetch rejects with a TypeError when there is no answer (offline, DNS, refused, CORS). */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && /fetch|network|socket/i.test(error.message));
}

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}
