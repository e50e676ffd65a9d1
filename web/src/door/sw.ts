/**
 * The door app's service worker (`/door-sw.js`, scope `/door`), built by `web/door-pwa.ts`, which
 * writes the list of the door's files and their version into it. It keeps the door's shell and
 * assets so the door opens with no connection:
 * - install: every file of the door entry (door.html, its JavaScript, CSS, the QR decoder worker,
 *   the manifest and icons) into one cache named by the build's version;
 * - a page load under /door gets the cached door.html at once (an app shell: opening must not wait
 *   for a dead network); a new deploy installs a new worker, which waits until the page asks it to
 *   take over (the "new version" banner), so a running page never loses the files it was built with;
 * - other GETs of cached files come from the cache; everything else (GraphQL, the ticket lists)
 *   goes to the network untouched: the app keeps its own offline data in IndexedDB.
 * Written without imports: it is a classic script, as every browser runs service workers.
 */

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface DoorWorkerScope {
  readonly location: Location;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  /** Written by the build (web/door-pwa.ts). */
  readonly __DOOR_PRECACHE__: string[];
  readonly __DOOR_VERSION__: string;
}
declare const self: DoorWorkerScope;
// A module, so `self` above is this file's own declaration; the build emits no import or export.
export {};

const PREFIX = 'sbor-door-';
const CACHE = `${PREFIX}${self.__DOOR_VERSION__}`;
const FILES = self.__DOOR_PRECACHE__;
const SHELL = '/door.html';

const isDoorPage = (url: URL) => url.pathname === '/door' || url.pathname.startsWith('/door/') || url.pathname === SHELL;

self.addEventListener('install', (event) => {
  // `cache: 'reload'`: fresh from the server, not from the HTTP cache of an older deploy.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      // The first install controls the page that registered it, so that page already works offline.
      await self.clients.claim();
    })(),
  );
});

/** The page's "Reload" on the new-version banner. */
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isDoorPage(url)) {
    event.respondWith(fromCache(SHELL, request));
  } else if (FILES.includes(url.pathname)) {
    event.respondWith(fromCache(url.pathname, request));
  }
});

async function fromCache(file: string, request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  return (await cache.match(file)) ?? fetch(request);
}
