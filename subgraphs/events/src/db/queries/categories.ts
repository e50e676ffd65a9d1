import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '@sbor/db';
import type { CategoryView } from '../../domain/model.js';
import type { CategoryEdits } from '../../domain/repositories.js';
import { events } from '../events.js';
import { categories } from '../categories.js';

const categoryView = { id: categories.id, name: categories.name, slug: categories.slug };

/** Inserts a category; undefined when the slug is taken (the unique constraint decides, race-free). */
export async function insertCategory(
  db: Executor,
  values: { name: string; slug: string; createdBy: string },
): Promise<CategoryView | undefined> {
  const [row] = await db.insert(categories).values(values).onConflictDoNothing({ target: categories.slug }).returning(categoryView);
  return row;
}

/**
 * Inserts the category unless its organizer already has `limit`. Two creates counting at once
 * would both see room, so the count and the insert run under a lock on the organizer's id.
 */
export function insertCategoryWithin(
  db: Db,
  values: { name: string; slug: string; createdBy: string },
  limit: number,
): Promise<CategoryView | 'LIMIT_REACHED' | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`events.categories:${values.createdBy}`}))`);
    const [row] = await tx.select({ n: count() }).from(categories).where(eq(categories.createdBy, values.createdBy));
    if ((row?.n ?? 0) >= limit) return 'LIMIT_REACHED';
    return insertCategory(tx, values);
  });
}

export function listCategories(db: Executor): Promise<CategoryView[]> {
  return db.select(categoryView).from(categories).orderBy(asc(categories.name), asc(categories.slug));
}

export async function findCategoriesByIds(db: Executor, ids: readonly string[]): Promise<CategoryView[]> {
  if (ids.length === 0) return [];
  return db
    .select(categoryView)
    .from(categories)
    .where(inArray(categories.id, [...ids]));
}

export async function categoryExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: categories.id }).from(categories).where(eq(categories.id, id));
  return row !== undefined;
}

const own = (id: string, createdBy: string) => and(eq(categories.id, id), eq(categories.createdBy, createdBy));

/**
 * Applies `changes` to the organizer's own category (no changes: reads it). Scoped by owner in
 * SQL: someone else's category is undefined. SLUG_TAKEN when the unique constraint refuses the slug.
 */
export async function editOwnCategory(
  db: Executor,
  id: string,
  createdBy: string,
  changes: CategoryEdits,
): Promise<CategoryView | 'SLUG_TAKEN' | undefined> {
  if (Object.keys(changes).length === 0) {
    const [row] = await db.select(categoryView).from(categories).where(own(id, createdBy));
    return row;
  }
  try {
    const [row] = await db.update(categories).set(changes).where(own(id, createdBy)).returning(categoryView);
    return row;
  } catch (error) {
    if (isViolationOf(error, '23505', 'categories_slug_unique')) return 'SLUG_TAKEN';
    throw error;
  }
}

/**
 * The organizer's own category, locked until the transaction ends. An event taking the category
 * up checks its foreign key with `FOR KEY SHARE`, which waits for this lock (and this one for it).
 */
export async function lockOwnCategory(db: Executor, id: string, createdBy: string): Promise<CategoryView | undefined> {
  const [row] = await db.select(categoryView).from(categories).where(own(id, createdBy)).for('update');
  return row;
}

export async function categoryInUse(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: events.id }).from(events).where(eq(events.categoryId, id)).limit(1);
  return row !== undefined;
}

export async function deleteCategory(db: Executor, id: string): Promise<void> {
  await db.delete(categories).where(eq(categories.id, id));
}

/** postgres.js and PGlite put the SQLSTATE and constraint on the error; drizzle wraps it as `cause`. */
function isViolationOf(error: unknown, sqlState: string, constraint: string): boolean {
  for (let current: unknown = error; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    const e = current as { code?: string; constraint_name?: string; constraint?: string };
    if (e.code === sqlState && (e.constraint_name ?? e.constraint) === constraint) return true;
  }
  return false;
}
