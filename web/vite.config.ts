import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { DOOR_HTML, doorPwa } from './door-pwa.js';

/** The router the dev server forwards API calls to (`npm run dev -w web`); `npm start` serves one on 8000. */
const router = process.env.SBOR_ROUTER_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // doorPwa: the door app's service worker, with the list of the door entry's files (door-pwa.ts).
  plugins: [react(), doorPwa()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('src', import.meta.url)) },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // Same origin for the browser, as in production: no CORS needed in development.
    proxy: {
      '/graphql': { target: router, ws: true },
      '/tickets/keys': router,
      '/pay': router,
      '/webhooks': router,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Two entries: the shop and back office (index.html), and the door app (door.html, at /door).
    rolldownOptions: {
      input: { main: fileURLToPath(new URL('index.html', import.meta.url)), door: DOOR_HTML },
    },
  },
});
