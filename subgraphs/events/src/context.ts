import type { BaseContext, Logger } from '@sbor/core';
import type { Catalog } from './domain/catalog.js';
import type { Categories } from './domain/categories.js';
import type { OrganizerEvents } from './domain/organizer-events.js';
import type { Loaders } from './loaders.js';

export interface EventsContext extends BaseContext {
  logger: Logger;
  catalog: Catalog;
  organizerEvents: OrganizerEvents;
  categories: Categories;
  loaders: Loaders;
}
