import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Request, type Response } from 'express';

/** The built web app of this repository (`web/dist`; `npm start` builds it when it is missing). */
export const DEFAULT_WEB_APP_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface WebAppOptions {
  /**
   * The Vite build output: `index.html`, `door.html` (the door app's own entry), `assets/`
   * (content-hashed) and the files of `public/`.
   */
  dir: string;
  /**
   * Paths that belong to the API (`/graphql`, `/healthz`, `/pay/`…): never answered with the app,
   * even when a browser asks for them as a page. A trailing slash means "and everything under it".
   */
  apiPaths: readonly string[];
}

/**
 * Serves the web app on the router's own origin, so the app calls `/graphql` with no CORS:
 * - `/assets/*` are named by their content hash, so a browser may keep them for a year;
 * - `index.html` and the other top-level files (favicon, service worker) are revalidated on every
 *   load (`no-cache` with an ETag), so a new deploy is picked up at once;
 * - any other GET that asks for a page (a client route like `/events/42`) gets `index.html`, and the
 *   app's router draws it; `/door` and everything under it get `door.html`, the door app's own small
 *   entry (its service worker, `/door-sw.js`, is one of the top-level files). API paths and missing
 *   files are not swallowed: they answer 404.
 * Mount it after the API routes.
 */
export function mountWebApp(app: Express, options: WebAppOptions) {
  const index = path.join(options.dir, 'index.html');
  const door = path.join(options.dir, 'door.html');
  const isDoorPath = (url: string) => url === '/door' || url.startsWith('/door/');
  const isApiPath = (url: string) =>
    options.apiPaths.some((api) => (api.endsWith('/') ? url.startsWith(api) : url === api || url.startsWith(`${api}/`)));

  app.use(
    '/assets',
    express.static(path.join(options.dir, 'assets'), { index: false, immutable: true, maxAge: '1y', fallthrough: true }),
    (_req: Request, res: Response) => notFound(res),
  );
  app.use(express.static(options.dir, { index: false, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') }));

  app.use((req: Request, res: Response, next) => {
    const wantsPage = (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['html', 'json']) === 'html';
    if (!wantsPage || isApiPath(req.path) || path.extname(req.path) !== '') {
      next();
      return;
    }
    const page = isDoorPath(req.path) && existsSync(door) ? door : index;
    if (!existsSync(page)) {
      res.status(404).type('text/plain').send('The web app is not built: run `npm run build -w web` (npm start does it for you).\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(page, { cacheControl: false });
  });
}

function notFound(res: Response) {
  res.status(404).type('text/plain').send('Not found\n');
}
