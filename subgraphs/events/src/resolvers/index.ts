import { DateTimeScalar } from '@sbor/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Category } from './Category.js';
import { Event } from './Event.js';
import { cancelEvent } from './Mutation/cancelEvent.js';
import { createCategory } from './Mutation/createCategory.js';
import { createEvent } from './Mutation/createEvent.js';
import { deleteCategory } from './Mutation/deleteCategory.js';
import { publishEvent } from './Mutation/publishEvent.js';
import { setSchedule } from './Mutation/setSchedule.js';
import { updateCategory } from './Mutation/updateCategory.js';
import { updateEvent } from './Mutation/updateEvent.js';
import { categories } from './Query/categories.js';
import { event } from './Query/event.js';
import { events } from './Query/events.js';
import { myEvents } from './Query/myEvents.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { events, event, categories, myEvents },
  Mutation: { createEvent, updateEvent, publishEvent, cancelEvent, createCategory, updateCategory, deleteCategory, setSchedule },
  Event,
  Category,
};
