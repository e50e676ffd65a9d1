import { InMemoryCache } from '@apollo/client';
import { Kind, print, visit, type DocumentNode } from 'graphql';
import * as generated from '../../web/src/__generated__/graphql.js';
import { operationHash, type SafelistManifest } from './safelist.js';

/** Directives Apollo Client strips before sending: with one of them the sent text would differ from ours. */
const CLIENT_ONLY_DIRECTIVES = new Set(['client', 'connection', 'nonreactive', 'unmask', 'export']);

/**
 * The text Apollo Client sends for a document: its cache adds `__typename` to every selection, then
 * HttpLink prints the result. Hashing that text is what makes a web app request match the manifest.
 */
export function sentText(document: DocumentNode, cache = new InMemoryCache()): string {
  visit(document, {
    Directive(node) {
      if (CLIENT_ONLY_DIRECTIVES.has(node.name.value))
        throw new Error(`@${node.name.value} is client-only; the safelist cannot predict the text sent.`);
    },
  });
  return print(cache.transformDocument(document));
}

/** Every operation the web app's generated documents hold, as a persisted query manifest. */
export function webOperationsManifest(documents: Record<string, unknown> = generated): SafelistManifest {
  const cache = new InMemoryCache();
  const operations = Object.values(documents)
    .filter(isDocument)
    .flatMap((document) => {
      const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      if (!operation?.name) return [];
      const body = sentText(document, cache);
      return [{ id: operationHash(body), name: operation.name.value, type: operation.operation, body }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === Kind.DOCUMENT;
}
