import { pgSchema } from 'drizzle-orm/pg-core';

/** Everything the events service stores lives in this schema (its own database in full mode). */
export const eventsSchema = pgSchema('events');
