import type { RequestBase } from '@sbor/kit';
import type { Catalog } from './domain/catalog.js';
import type { Categories } from './domain/categories.js';
import type { OrganizerEvents } from './domain/organizer-events.js';
import type { Loaders } from './loaders.js';

export interface EventsContext extends RequestBase {
  catalog: Catalog;
  organizerEvents: OrganizerEvents;
  categories: Categories;
  /** Per request, so batching never mixes two viewers' answers. */
  loaders: Loaders;
}
