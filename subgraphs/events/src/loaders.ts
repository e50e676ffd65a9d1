import DataLoader from 'dataloader';
import type { Viewer } from '@sbor/core';
import type { Catalog } from './domain/catalog.js';
import type { Categories } from './domain/categories.js';
import type { CategoryView, EventView, ScheduleItemView } from './domain/model.js';

/** Per-request batching: a page of 100 events costs one category query and one schedule query. */
export function createLoaders(catalog: Catalog, categories: Categories, viewer: Viewer | null) {
  return {
    /** Events as this viewer may see them; null for a missing id or someone else's draft. */
    event: new DataLoader<string, EventView | null>(async (ids) => {
      const found = await catalog.visible(ids, viewer);
      return ids.map((id) => found.get(id) ?? null);
    }),
    category: new DataLoader<string, CategoryView | null>(async (ids) => {
      const found = await categories.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    schedule: new DataLoader<string, ScheduleItemView[]>(async (eventIds) => {
      const found = await catalog.schedules(eventIds);
      return eventIds.map((id) => found.get(id) ?? []);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
