import type { z } from 'zod';
import { badInput } from './errors.js';

/**
 * Control characters, invisible formatting and lone surrogates: they have no place in text shown to
 * others, and PostgreSQL cannot store NUL at all.
 */
export const INVISIBLE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Cs}]/u;

/** Parses input or throws BAD_USER_INPUT naming the first bad field, so clients can point at it. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  throw badInput(issue?.message ?? 'Invalid input.', field);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id can exist at all: ids are UUIDs, so anything else is answered as not found without a query. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
