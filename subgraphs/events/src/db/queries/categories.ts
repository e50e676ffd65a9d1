import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { CategoryView } from '../../domain/model.js';
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
