import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { operationHash, SAFELIST_FILE_NAME, type SafelistManifest } from './safelist.js';
import { webOperationsManifest } from './web-operations.js';

const WEB_SRC = fileURLToPath(new URL('../../web/src/', import.meta.url));
const WEB_DIST_MANIFEST = fileURLToPath(new URL(`../../web/dist/${SAFELIST_FILE_NAME}`, import.meta.url));

/** What codegen reads (web/codegen.ts): the app's sources, without tests or its own output. */
function webSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.split(path.sep).includes('__generated__'))
    .map((file) => path.join(dir, file));
}

/**
 * The texts the web app sends as written, with plain `fetch` instead of Apollo Client (the door app
 * and fetch-session.ts, to keep the door's first load small): the template literals behind the
 * GraphQL tag comment, which codegen reads too. Apollo Client never sends these documents, so the
 * text to register is the literal itself, not Apollo's version with `__typename` added.
 */
export function plainFetchTexts(srcDir: string = WEB_SRC): string[] {
  return webSources(srcDir).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\/\*\s*GraphQL\s*\*\/\s*`([^`]*)`/g)].map(([, text]) => {
      if (text!.includes('${')) throw new Error(`${file}: a /* GraphQL */ text with \${…} cannot be registered ahead of time.`);
      return text!;
    }),
  );
}

/**
 * Every operation the web app sends, in the exact text it sends: Apollo Client's for the documents
 * it sends (webOperationsManifest), the literal for those sent with plain fetch.
 */
export function webSafelistManifest(srcDir: string = WEB_SRC): SafelistManifest {
  const manifest = webOperationsManifest();
  const plain = new Map(plainFetchTexts(srcDir).map((body) => [operationOf(body).name!.value, body]));
  const operations = manifest.operations.map((operation) => {
    const body = plain.get(operation.name);
    plain.delete(operation.name);
    return body === undefined ? operation : { ...operation, id: operationHash(body), body };
  });
  if (plain.size > 0) {
    throw new Error(`Not in web/src/__generated__: ${[...plain.keys()].join(', ')}. Run \`npm run codegen -w web\` first.`);
  }
  return { ...manifest, operations };
}

function operationOf(text: string): OperationDefinitionNode {
  const operation = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation?.name) throw new Error(`A /* GraphQL */ text without a named operation: ${text.trim().slice(0, 60)}`);
  return operation;
}

/** Writes the web app's operations as the manifest ROUTER_SAFELIST names; returns how many. */
export function writeWebSafelist(target: string = WEB_DIST_MANIFEST): number {
  const manifest = webSafelistManifest();
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest.operations.length;
}

/**
 * `npm run safelist -w router [-- <file>]`; `npm run build` and `npm run build -w web` run it after
 * building web/dist. The operations come from web/src/__generated__, which the app is built from
 * (`npm run codegen -w web` keeps it current; web/src/codegen.test.ts fails when it is not).
 */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = path.resolve(process.argv[2] ?? WEB_DIST_MANIFEST);
  console.log(`${writeWebSafelist(target)} operations written to ${target}`);
}
