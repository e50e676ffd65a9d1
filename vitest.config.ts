import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { webComponentsProject } from './web/vitest.components.ts';

const ignored = ['**/node_modules/**', '**/.data/**', '**/dist/**'];

/**
 * Tiers: `unit` (pure logic, beside the code) and `integration` (real PostgreSQL, Kafka and Redis;
 * under a service's test/ or test/e2e). `browser` drives the built web app in headless Chromium
 * against a platform of its own in embedded mode (web/test). `web-components` renders the web app's
 * React components in Chromium (web/vitest.components.ts).
 *
 * How they share two cores (vitest runs projects of different worker counts one group after another):
 * - unit and integration files share two workers. Integration files run two at a time: each owns
 *   its scratch databases, cache prefix, consumer groups and ports, and much of one is waiting on
 *   Kafka, timers and the network (775 s one at a time, 523 s two at a time). Unit files share their
 *   workers' module cache (`isolate: false`): they are pure logic, and importing Apollo and friends
 *   again for every file was two thirds of their time (171 s became 60 s);
 * - then the browser files, one at a time: each starts a platform and a Chromium of its own, and
 *   the first one may build web/dist.
 */
export default defineConfig({
  resolve: {
    // Apollo loads graphql's CommonJS build; our code must get the same copy, or `instanceof
    // GraphQLError` fails across the two and expected errors get masked as internal ones.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/src/**/*.test.ts'],
          exclude: ignored,
          testTimeout: 20_000,
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
          sequence: { groupOrder: 1 },
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
