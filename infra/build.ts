/**
 * `npm run build`: what the image runs (Dockerfile). Bundles every program into dist/ (see
 * lib/bundle.ts: `node dist/router.js`, `node dist/users.js`…, plain JavaScript on production
 * dependencies), then builds web/dist, the app the router serves, unless it is current. Types are
 * not checked here: that is `npm run typecheck`.
 */
import { ensureWebBuild } from '@sbor/web/build';
import { bundle, PROGRAMS } from './lib/bundle.js';
import { REPO_DIR } from './lib/config.js';
import { elapsed, log, runScript } from './lib/log.js';

runScript(async () => {
  const startedAt = performance.now();
  await bundle(REPO_DIR);
  log(`build: dist/{${Object.keys(PROGRAMS).join(',')}}.js (${elapsed(startedAt)})`);
  await ensureWebBuild((text) => process.stdout.write(text.startsWith('Building') ? `[infra] ${text}` : text));
});
