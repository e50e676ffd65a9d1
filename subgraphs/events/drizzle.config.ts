import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate` writes SQL migrations; services apply them at start. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/index.ts',
  out: './migrations',
  schemaFilter: ['events'],
});
