import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column in (ids)` with the ids as one JSON parameter: the statement text is the same however
 * many ids a batch has. postgres.js prepares each new text with an extra round trip (Parse and
 * Describe before it can bind), so a variable-length `in ($1, …, $n)` costs that trip for every
 * new length on every pooled connection; the fact consumer reads a batch's users and events this
 * way.
 */
export const inIdList = (column: AnyColumn, ids: readonly string[]): SQL =>
  sql`${column} in (select jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb)::uuid)`;
