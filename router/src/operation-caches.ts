import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';
import type { QueryPlan } from '@apollo/query-planner';

const MIB = 2 ** 20;

export interface OperationCacheSizes {
  /** Parsed and validated documents (Apollo Server's `documentStore`), keyed by the document's sha256. */
  documentMiB: number;
  /** Query plans (@apollo/gateway's `queryPlannerConfig.cache`), keyed by the document's sha256 and operation name. */
  queryPlanMiB: number;
}

/**
 * Both libraries already cache by the document's hash; these are the same LRU caches made with
 * sizes we choose, so memory under a flood of distinct documents stays within what the pod is
 * given, and tests can see a repeated document skip parsing, validation and planning.
 */
export function createDocumentStore(sizes: OperationCacheSizes) {
  return new InMemoryLRUCache<DocumentNode>({ maxSize: sizes.documentMiB * MIB });
}

export function createQueryPlanCache(sizes: OperationCacheSizes) {
  return new InMemoryLRUCache<QueryPlan>({ maxSize: sizes.queryPlanMiB * MIB });
}
