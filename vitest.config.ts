import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { webComponentsProject } from './web/vitest.components.ts';

const ignored = ['**/node_modules/**', '**/.data/**', '**/dist/**'];

/**
 * Tiers: `unit` (pure logic, beside the code) and `integration` (real PostgreSQL, Kafka and Redis;
 * under a service's test/ or test/e2e). Integration files run one at a time: they share the one
 * local broker and database server, and the machine has two cores. `browser` drives the built web
 * app in headless Chromium against a platform of its own in embedded mode (web/test), one file at a
 * time too (vitest runs the two one-at-a-time projects one after the other, then the unit files two
 * at a time). `web-components` renders the web app's React components in Chromium
 * (web/vitest.components.ts).
 */
export default defineConfig({
  resolve: {
    // Apollo loads graphql's CommonJS build; our code must get the same copy, or `instanceof
    // GraphQLError` fails across the two and expected errors get masked as internal ones.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/src/**/*.test.ts'],
          exclude: ignored,
          testTimeout: 20_000,
          // Some start an embedded PostgreSQL (WASM) in beforeAll: seconds on a busy machine.
          hookTimeout: 60_000,
          // Pure logic: files share their worker's module cache. Importing Apollo and friends again
          // for every file was two thirds of their time (171 s of wall time became 60 s).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/test/**/*.test.ts'],
          exclude: [...ignored, 'test/faults/**', 'web/test/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['web/test/**/*.test.ts'],
          exclude: ignored,
          testTimeout: 60_000,
          // A page waits on the API; on a loaded machine a reload can take longer than poll's default second.
          expect: { poll: { timeout: 10_000 } },
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // Kills and restarts brokers and services: run apart from the rest (`npm run test:faults`).
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          exclude: ignored,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      webComponentsProject,
    ],
  },
});
