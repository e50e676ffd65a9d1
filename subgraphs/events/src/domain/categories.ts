import { AppError, ErrorCode, badInput, type Viewer } from '@sbor/core';
import type { Db } from '@sbor/db';
import { findCategoriesByIds, insertCategory, listCategories } from '../db/queries/categories.js';
import { requireOrganizer } from './access.js';
import type { CategoryView } from './model.js';
import { categoryInput, isId, parseInput, slugify } from './validation.js';

export class Categories {
  constructor(private readonly db: Db) {}

  async create(viewer: Viewer | null, raw: unknown): Promise<CategoryView> {
    const { userId } = requireOrganizer(viewer);
    const input = parseInput(categoryInput, raw);
    const slug = input.slug ?? slugify(input.name);
    if (!slug) throw badInput('This name has no Latin letters or digits to make a slug from; give a slug.', 'slug');
    const created = await insertCategory(this.db, { name: input.name, slug, createdBy: userId });
    if (!created) {
      throw new AppError(ErrorCode.SLUG_TAKEN, `The slug "${slug}" is already used by another category.`, { field: 'slug' });
    }
    return created;
  }

  list(): Promise<CategoryView[]> {
    return listCategories(this.db);
  }

  async byIds(ids: readonly string[]): Promise<Map<string, CategoryView>> {
    const rows = await findCategoriesByIds(this.db, ids.filter(isId));
    return new Map(rows.map((row) => [row.id, row]));
  }
}
