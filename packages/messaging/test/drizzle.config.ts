import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/messaging/test/schema.ts',
  out: './packages/messaging/test/migrations',
  schemaFilter: ['messaging_test'],
});
