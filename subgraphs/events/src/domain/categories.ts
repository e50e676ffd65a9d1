import { AppError, ErrorCode, badInput, isUuid, notFound, type Viewer } from '@sbor/core';
import { requireOrganizer } from './access.js';
import type { CategoryView } from './model.js';
import type { CategoryEdits, CategoryRepository } from './repositories.js';
import { slugify, type CategoryInput, type UpdateCategoryInput } from './validation.js';

const CATEGORY = 'Category';

const slugTaken = (slug: string) =>
  new AppError(ErrorCode.SLUG_TAKEN, `The slug "${slug}" is already used by another category.`, { field: 'slug' });

/** The default of `MAX_CATEGORIES_PER_ORGANIZER`: everyone lists every category. */
export const DEFAULT_CATEGORIES_PER_ORGANIZER = 100;

/**
 * Categories: any organizer adds one, everyone lists them, and only the organizer who created one
 * changes or deletes it (anyone else's is NOT_FOUND, indistinguishable from a missing one).
 */
export class Categories {
  constructor(
    private readonly categories: CategoryRepository,
    private readonly maxPerOrganizer = DEFAULT_CATEGORIES_PER_ORGANIZER,
  ) {}

  async create(organizer: Viewer, input: CategoryInput): Promise<CategoryView> {
    const { userId } = requireOrganizer(organizer);
    const slug = input.slug ?? slugify(input.name);
    if (!slug) throw badInput('This name has no Latin letters or digits to make a slug from; give a slug.', 'slug');
    const created = await this.categories.insert({ name: input.name, slug, createdBy: userId }, this.maxPerOrganizer);
    if (created === 'LIMIT_REACHED') {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `An organizer can have at most ${this.maxPerOrganizer} categories.`, {
        reason: 'LIMIT_REACHED',
        limit: this.maxPerOrganizer,
      });
    }
    if (!created) throw slugTaken(slug);
    return created;
  }

  async update(organizer: Viewer, id: string, input: UpdateCategoryInput): Promise<CategoryView> {
    const { userId } = requireOrganizer(organizer);
    if (!isUuid(id)) throw notFound(CATEGORY);
    const changes: CategoryEdits = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.slug !== undefined) changes.slug = input.slug;
    const edited = await this.categories.editOwn(id, userId, changes);
    if (!edited) throw notFound(CATEGORY);
    if (edited === 'SLUG_TAKEN') throw slugTaken(changes.slug!);
    return edited;
  }

  /**
   * Refused while any event uses the category: silently uncategorising other organizers' events
   * would change what they published.
   */
  async delete(organizer: Viewer, id: string): Promise<boolean> {
    const { userId } = requireOrganizer(organizer);
    if (!isUuid(id)) throw notFound(CATEGORY);
    return this.categories.withOwnCategory(id, userId, async (category, locked) => {
      if (!category) throw notFound(CATEGORY);
      if (await locked.usedByEvents()) {
        // CONFLICT alone reads as "try again" to clients; the reason lets them say what to do instead.
        throw new AppError(
          ErrorCode.CONFLICT,
          'Events still use this category, so it cannot be deleted. Move them to another category first.',
          {
            reason: 'CATEGORY_IN_USE',
          },
        );
      }
      await locked.remove();
      return true;
    });
  }

  list(): Promise<CategoryView[]> {
    return this.categories.list();
  }

  async byIds(ids: readonly string[]): Promise<Map<string, CategoryView>> {
    const rows = await this.categories.byIds(ids.filter(isUuid));
    return new Map(rows.map((row) => [row.id, row]));
  }
}
