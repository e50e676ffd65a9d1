/**
 * The Node.js Sbor runs on. The repository pins Node 24 LTS itself (the `node` devDependency puts
 * its binary in node_modules/.bin, so every npm script runs on it); 22 is the oldest major that
 * the dependencies support, so anything older is refused before it fails somewhere obscure.
 */
export const MINIMUM_NODE_MAJOR = 22;

/** Why this Node cannot run Sbor, or undefined when it can. */
export function unsupportedNodeMessage(version: string = process.version): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major >= MINIMUM_NODE_MAJOR) return undefined;
  return [
    `Sbor needs Node.js ${MINIMUM_NODE_MAJOR} or later and is pinned to Node 24 LTS; this is Node ${version}.`,
    '  In this repository, run it through npm: `npm install` puts the pinned Node 24 in',
    '  node_modules/.bin, and `npm start` / `npm test` use it (check: `npm exec -- node --version`).',
    '  Or install Node 24 yourself: `nvm install` or `fnm use` (both read .nvmrc), or https://nodejs.org.',
  ].join('\n');
}
