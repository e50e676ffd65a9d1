import { defineConfig } from 'drizzle-kit';

/** Migrations of the embedded bus's log (`npx drizzle-kit generate` from packages/messaging). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/log-bus/schema.ts',
  out: './migrations/log-bus',
  schemaFilter: ['bus'],
});
