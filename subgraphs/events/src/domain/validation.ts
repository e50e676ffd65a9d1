import { z } from 'zod';
import { INVISIBLE_CHARACTERS } from '@sbor/core';

// Control characters have no place in text shown to others; descriptions may keep line breaks and tabs.
// Lone surrogates (\p{Cs}: ill-formed UTF-16) are refused too: stored, they would silently become U+FFFD.
const CONTROL_EXCEPT_WHITESPACE = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}]/u;

export const LIMITS = {
  title: 200,
  description: 10_000,
  venue: 300,
  categoryName: 60,
  slug: 60,
  speaker: 120,
  location: 200,
  reason: 500,
  search: 200,
  scheduleItems: 100,
  maxPageSize: 100,
  /** Longest an event may last; beyond that a typo in the year is likelier than a real event. */
  maxDurationDays: 366,
} as const;

const label = (field: string) => field.charAt(0).toUpperCase() + field.slice(1);

/** A trimmed single-line text of `min`..`max` characters. */
const line = (field: string, max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, `${label(field)} must not be empty.`)
    .max(max, `${label(field)} must be at most ${max} characters.`)
    .refine((v) => !INVISIBLE_CHARACTERS.test(v), `${label(field)} must not contain control characters.`);

const description = z
  .string()
  .trim()
  .max(LIMITS.description, `Description must be at most ${LIMITS.description} characters.`)
  .refine((v) => !CONTROL_EXCEPT_WHITESPACE.test(v), 'Description must not contain control characters.');

const optionalLine = (field: string, max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => (v?.trim() ? v.trim() : null))
    .pipe(
      z
        .string()
        .max(max, `${label(field)} must be at most ${max} characters.`)
        .refine((v) => !INVISIBLE_CHARACTERS.test(v), `${label(field)} must not contain control characters.`)
        .nullable(),
    );

export const idSchema = z.uuid({ message: 'Must be an id returned by this API.' });
const date = z.date({ message: 'Must be a DateTime.' });

export const createEventInput = z.object({
  title: line('title', LIMITS.title),
  description: description.nullish().transform((v) => v ?? ''),
  categoryId: idSchema.nullish().transform((v) => v ?? null),
  venue: line('venue', LIMITS.venue),
  startsAt: date,
  endsAt: date,
});
export type CreateEventInput = z.infer<typeof createEventInput>;

/** Omitted (undefined) keeps a field; only `categoryId` may be set to null, removing the category. */
export const updateEventInput = z.object({
  title: line('title', LIMITS.title).optional(),
  description: description.optional(),
  categoryId: idSchema.nullable().optional(),
  venue: line('venue', LIMITS.venue).optional(),
  startsAt: date.optional(),
  endsAt: date.optional(),
});
export type UpdateEventInput = z.infer<typeof updateEventInput>;

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = z
  .string()
  .trim()
  .max(LIMITS.slug, `Slug must be at most ${LIMITS.slug} characters.`)
  .regex(SLUG, 'Slug must be lower-case letters and digits in groups joined by single dashes, e.g. live-music.');

export const categoryInput = z.object({
  name: line('name', LIMITS.categoryName),
  slug: slug.nullish(),
});
export type CategoryInput = z.infer<typeof categoryInput>;

/** A category always has a name and a slug: null cannot remove them, so it is refused, not read as "keep". */
const kept = <T extends z.ZodType>(field: string, schema: T) =>
  z
    .any()
    .refine((v) => v !== null, `${label(field)} cannot be removed; leave it out to keep it.`)
    .pipe(schema)
    .optional();

/** Omitted (undefined) keeps a field. */
export const updateCategoryInput = z.object({
  name: kept('name', line('name', LIMITS.categoryName)),
  slug: kept('slug', slug),
});
export type UpdateCategoryInput = z.infer<typeof updateCategoryInput>;

export const scheduleItemInput = z.object({
  title: line('title', LIMITS.title),
  startsAt: date,
  endsAt: date,
  speaker: optionalLine('speaker', LIMITS.speaker),
  location: optionalLine('location', LIMITS.location),
});
export const scheduleInput = z.object({
  items: z.array(scheduleItemInput).max(LIMITS.scheduleItems, `A schedule has at most ${LIMITS.scheduleItems} items.`),
});
export type ScheduleItemInput = z.infer<typeof scheduleItemInput>;

export const cancelInput = z.object({ reason: optionalLine('reason', LIMITS.reason) });

export const listingInput = z.object({
  first: z
    .number()
    .int()
    .min(1, 'first must be at least 1.')
    .max(LIMITS.maxPageSize, `first must be at most ${LIMITS.maxPageSize}; ask for the next page with after.`)
    .nullish()
    .transform((v) => v ?? 20),
  after: z.string().max(200, 'after must be a cursor from pageInfo.endCursor.').nullish(),
  filter: z
    .object({
      categoryId: idSchema.nullish(),
      from: date.nullish(),
      to: date.nullish(),
      // PostgreSQL cannot take a NUL in text (the query failed as an internal error).
      search: z
        .string()
        .trim()
        .max(LIMITS.search, `Search must be at most ${LIMITS.search} characters.`)
        .refine((v) => !INVISIBLE_CHARACTERS.test(v), 'Search must not contain control characters.')
        .nullish(),
    })
    .nullish(),
});
export type ListingInput = z.infer<typeof listingInput>;

export { parseInput } from '@sbor/core';

/** A slug from a name: "Live Music!" → "live-music". Empty when the name has no Latin letters or digits. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, LIMITS.slug)
    .replace(/-+$/, '');
}
