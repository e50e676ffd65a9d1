import { pgSchema } from 'drizzle-orm/pg-core';

/** Everything the tickets service stores lives in this schema (its own database in full mode). */
export const ticketsSchema = pgSchema('tickets');
