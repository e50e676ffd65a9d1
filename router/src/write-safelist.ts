import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webOperationsManifest } from './web-operations.js';

/**
 * `npm run safelist -w router [-- <file>]`: writes the web app's operations as the manifest
 * ROUTER_SAFELIST names. Run it after `npm run codegen -w web`, when the operations are final.
 */
const target = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../../web/dist/persisted-operations.json', import.meta.url)));
const manifest = webOperationsManifest();
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${manifest.operations.length} operations written to ${target}`);
