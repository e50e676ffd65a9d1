import { pgSchema } from 'drizzle-orm/pg-core';

/** Everything the users service stores lives in this schema (its own database in full mode). */
export const usersSchema = pgSchema('users');
