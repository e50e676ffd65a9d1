import type { DoorMessageKey, DoorTranslate } from '@/lib/i18n/door-translate';
import type { Failure } from './api/client';

/** The sentence for a failed call: never a raw code (docs/api.md lists them). */
export function failureMessage(failure: Failure, t: DoorTranslate): string {
  return t(failureKey(failure));
}

function failureKey(failure: Failure): DoorMessageKey {
  switch (failure.kind) {
    case 'no-answer':
      return navigator.onLine ? 'door.error.network' : 'door.error.offline';
    case 'server':
      return 'door.error.server';
    case 'signed-out':
      return 'door.error.sessionEnded';
    case 'api':
      if (failure.code === 'UNAUTHENTICATED') {
        return failure.extensions.reason === 'INVALID_CREDENTIALS' ? 'door.error.credentials' : 'door.error.sessionEnded';
      }
      return API_ERRORS[failure.code] ?? 'door.error.unknown';
  }
}

/** The codes the door's four operations can meet; any other reads "Something went wrong". */
const API_ERRORS: Record<string, DoorMessageKey> = {
  FORBIDDEN: 'door.error.forbidden',
  BAD_USER_INPUT: 'door.error.badInput',
  RATE_LIMITED: 'door.error.rateLimited',
  SERVICE_UNAVAILABLE: 'door.error.unavailable',
  INTERNAL_SERVER_ERROR: 'door.error.server',
};
