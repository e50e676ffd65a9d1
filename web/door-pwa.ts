import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));
/** The door's second Vite entry (served at /door by the router). */
export const DOOR_HTML = path.join(WEB_DIR, 'door.html');
const WORKER_SOURCE = path.join(WEB_DIR, 'src/door/sw.ts');
const WORKER_FILE = 'door-sw.js';
/** The door's files in public/: the install manifest and its icons. */
const PUBLIC_FILES = ['door.webmanifest', 'door-icon.svg', 'door-icon-192.png', 'door-icon-512.png'];

type Bundle = Parameters<NonNullable<Extract<Plugin['generateBundle'], (...args: never[]) => unknown>>>[1];
type OutputChunk = Extract<Bundle[string], { type: 'chunk' }>;

/**
 * Builds the door's service worker (src/door/sw.ts) as `/door-sw.js` at the root of dist (a fixed
 * name: the browser compares it byte for byte to find updates), and writes into it what to cache:
 * door.html and every file the door entry loads, found from the bundle (its chunks, their CSS and
 * assets, and any emitted file its code names, such as the QR decoder worker), plus the door's
 * public files; and a version, the hash of all of them, that names the cache.
 */
export function doorPwa(): Plugin {
  let publicDir = path.join(WEB_DIR, 'public');
  return {
    name: 'sbor-door-pwa',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: WORKER_SOURCE, fileName: WORKER_FILE });
    },
    // After Vite's own hooks, which emit door.html and the worker files.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const worker = bundle[WORKER_FILE];
        const entry = Object.values(bundle).find(
          (item): item is OutputChunk => item.type === 'chunk' && item.isEntry && item.facadeModuleId === DOOR_HTML,
        );
        if (worker?.type !== 'chunk' || !entry) this.error('door-pwa: the door entry or its service worker is missing from the bundle');
        if (worker.imports.length > 0)
          this.error('door-pwa: src/door/sw.ts must not import anything (a service worker is a classic script)');

        const files = new Set<string>(['door.html', ...PUBLIC_FILES.filter((file) => existsSync(path.join(publicDir, file)))]);
        const visit = (fileName: string) => {
          const item = bundle[fileName];
          if (!item || files.has(fileName)) return;
          files.add(fileName);
          if (item.type !== 'chunk') return;
          for (const next of [...item.imports, ...item.dynamicImports]) visit(next);
          for (const css of item.viteMetadata?.importedCss ?? []) visit(css);
          for (const asset of item.viteMetadata?.importedAssets ?? []) visit(asset);
          for (const other of Object.keys(bundle)) {
            if (other !== WORKER_FILE && !other.endsWith('.map') && item.code.includes(other)) visit(other);
          }
        };
        visit(entry.fileName);

        const list = [...files].sort();
        const version = createHash('sha256');
        for (const file of list) {
          const item = bundle[file];
          version.update(file).update(item ? (item.type === 'chunk' ? item.code : item.source) : readFileSync(path.join(publicDir, file)));
        }
        const precache = JSON.stringify(list.map((file) => `/${file}`));
        const code = worker.code
          .replaceAll('self.__DOOR_PRECACHE__', precache)
          .replaceAll('self.__DOOR_VERSION__', JSON.stringify(version.digest('hex').slice(0, 16)));
        if (code.includes('__DOOR_')) this.error('door-pwa: the service worker still names a placeholder after the build');
        worker.code = code;
      },
    },
  };
}
