import { AppError, ErrorCode, badInput, isUuid, type Viewer } from '@sbor/core';
import { requireOrganizer } from './access.js';
import type { CategoryView } from './model.js';
import type { CategoryRepository } from './repositories.js';
import { slugify, type CategoryInput } from './validation.js';

export class Categories {
  constructor(private readonly categories: CategoryRepository) {}

  async create(organizer: Viewer, input: CategoryInput): Promise<CategoryView> {
    const { userId } = requireOrganizer(organizer);
    const slug = input.slug ?? slugify(input.name);
    if (!slug) throw badInput('This name has no Latin letters or digits to make a slug from; give a slug.', 'slug');
    const created = await this.categories.insert({ name: input.name, slug, createdBy: userId });
    if (!created) {
      throw new AppError(ErrorCode.SLUG_TAKEN, `The slug "${slug}" is already used by another category.`, { field: 'slug' });
    }
    return created;
  }

  list(): Promise<CategoryView[]> {
    return this.categories.list();
  }

  async byIds(ids: readonly string[]): Promise<Map<string, CategoryView>> {
    const rows = await this.categories.byIds(ids.filter(isUuid));
    return new Map(rows.map((row) => [row.id, row]));
  }
}
