import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { z } from 'zod';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@sbor/core';

/**
 * The web app's manifest in its build output (web/dist), which `npm run build` and `npm run build -w
 * web` write beside the app they built: in the image, `/app/web/dist/persisted-operations.json`.
 */
export const SAFELIST_FILE_NAME = 'persisted-operations.json';

/** The text's sha256 in hex, as automatic persisted queries name a document. */
export const operationHash = (body: string) => createHash('sha256').update(body).digest('hex');

/** Apollo's persisted query manifest format, so Apollo's own tooling can read and write it too. */
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string(),
    }),
  ),
});
export type SafelistManifest = z.infer<typeof manifestSchema>;

/** Registered operations: text by hash. */
export type Safelist = ReadonlyMap<string, string>;

export function safelistOf(manifest: unknown): Safelist {
  const { operations } = manifestSchema.parse(manifest);
  const safelist = new Map<string, string>();
  for (const { id, name, body } of operations) {
    // A wrong id would let a request by hash run a text other than the one reviewed.
    if (operationHash(body) !== id) throw new Error(`Safelist operation ${name}: id is not the sha256 of its body.`);
    safelist.set(id, body);
  }
  return safelist;
}

export async function loadSafelist(path: string): Promise<Safelist> {
  try {
    return safelistOf(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    // `npm start` rebuilds a stale web/dist without it; `npm run build` writes it every time.
    const hint =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? ` (\`npm run build\` writes the web app's to web/dist/${SAFELIST_FILE_NAME})`
        : '';
    throw new Error(`ROUTER_SAFELIST=${path} is not a readable persisted query manifest: ${(error as Error).message}${hint}`, {
      cause: error,
    });
  }
}

/**
 * In safelist mode the persisted-query store is the manifest, read-only: a registered operation is
 * found by its hash, and nobody can register another by sending its text with a hash.
 */
export function safelistStore(safelist: Safelist): KeyValueCache<string> {
  // Apollo Server asks with its own prefix (`apq:`); hashes never contain a colon.
  const hashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);
  return {
    get: async (key) => safelist.get(hashOf(key)),
    set: async () => {},
    delete: async () => false,
  };
}

/**
 * Refuses, before anything is planned or sent to a subgraph, an operation whose text is not
 * registered, whether it came by hash or as full text. Apollo Server has hashed the text by then
 * (and checked a client's hash against it), so the check is a lookup.
 */
export function safelistPlugin(safelist: Safelist): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (!safelist.has(queryHash)) throw notInSafelist();
        },
      };
    },
  };
}

/** The same rule for a subscription sent over graphql-ws, which never passes through Apollo Server. */
export const safelistRefusal =
  (safelist: Safelist) =>
  (query: string): GraphQLError | undefined =>
    safelist.has(operationHash(query)) ? undefined : notInSafelist();

const notInSafelist = () =>
  new GraphQLError('This operation is not in the safelist of registered operations.', {
    extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
  });
