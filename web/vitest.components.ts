import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import type { TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The `web-components` tier: React components rendered in a real Chromium (vitest browser mode),
 * Debian's `/usr/bin/chromium` driven by Playwright, no browser download. The root vitest.config.ts
 * lists it beside `unit` and `integration`; files are `web/src/**\/*.browser.test.tsx`.
 */
export const webComponentsProject: TestProjectInlineConfiguration = {
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('src', import.meta.url)) },
    dedupe: ['react', 'react-dom'],
  },
  // Pre-bundled up front: one copy of React for the app's code and the test helpers alike, and no
  // reload halfway through a run when Vite discovers a dependency.
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-dev-runtime',
      'preact',
      'preact/hooks',
      'preact/jsx-runtime',
      'react-dom',
      'react-dom/client',
      'react-router',
      '@apollo/client',
      '@apollo/client/react',
      '@apollo/client/testing',
      '@apollo/client/testing/react',
      'graphql',
      'rxjs',
      'vitest-browser-react',
    ],
  },
  test: {
    name: 'web-components',
    include: ['web/src/**/*.browser.test.tsx'],
    testTimeout: 20_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
};
