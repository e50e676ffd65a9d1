import { firstApiError } from '../api/errors';
import { errorMessage } from './error-message';
import type { MessageKey } from './messages.en';
import { isMessageKey, type Translate } from './translate';

/** An API failure about one input: its path (`endsAt`, `items.1.startsAt`) and the sentence to show under it. */
export interface FieldError {
  path: string;
  message: string;
}

export interface FieldErrorOptions {
  /** The inputs this form has, as API paths; an error about any other stays with the form. */
  paths: readonly string[];
  /** Where the field sentences are: `<prefix>.<name>`, `name` being the path's last name (`items.1.startsAt` → `startsAt`). */
  prefix: string;
  /** A BAD_USER_INPUT carrying `status` refuses the field for the object's state (a published event's title): this says so. */
  lockedKey?: MessageKey;
}

/**
 * Places a failure the API pinned on one input (`extensions.field`, docs/api.md) on that input, with
 * a sentence in the reader's language. Undefined when the error is not about one of `paths`: then it
 * belongs above the form, through `errorMessage`. A code with a sentence of its own (SLUG_TAKEN)
 * keeps it; a field without a sentence gets the code's.
 */
export function fieldErrorOf(error: unknown, { paths, prefix, lockedKey }: FieldErrorOptions, t: Translate): FieldError | undefined {
  const api = firstApiError(error);
  const path = api?.extensions.field;
  if (!api || typeof path !== 'string' || !paths.includes(path)) return undefined;
  if (api.code !== 'BAD_USER_INPUT') return { path, message: errorMessage(error, t) };
  if (lockedKey && typeof api.extensions.status === 'string') return { path, message: t(lockedKey) };
  const name = path.split('.').findLast((segment) => !/^\d+$/.test(segment));
  const key = `${prefix}.${name}`;
  return { path, message: isMessageKey(key) ? t(key) : errorMessage(error, t) };
}
