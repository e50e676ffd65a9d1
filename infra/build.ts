/**
 * `npm run build`: what the image runs (Dockerfile). Bundles every program into dist/ (see
 * lib/bundle.ts: `node dist/router.js`, `node dist/users.js`…, plain JavaScript on production
 * dependencies), then builds web/dist, the app the router serves, unless it is current, and writes
 * beside it the manifest of the operations that app sends (ROUTER_SAFELIST's safelist mode). Types
 * are not checked here: that is `npm run typecheck`.
 */
import { ensureWebBuild } from '@sbor/web/build';
import { SAFELIST_FILE_NAME } from '../router/src/safelist.js';
import { writeWebSafelist } from '../router/src/write-safelist.js';
import { bundle, PROGRAMS } from './lib/bundle.js';
import { REPO_DIR } from './lib/config.js';
import { elapsed, log, runScript } from './lib/log.js';

runScript(async () => {
  const startedAt = performance.now();
  await bundle(REPO_DIR);
  log(`build: dist/{${Object.keys(PROGRAMS).join(',')}}.js (${elapsed(startedAt)})`);
  await ensureWebBuild((text) => process.stdout.write(text.startsWith('Building') ? `[infra] ${text}` : text));
  // Written even when web/dist was current: a build by `npm start` does not write it.
  log(`build: web/dist/${SAFELIST_FILE_NAME} (${writeWebSafelist()} operations of the web app)`);
});
