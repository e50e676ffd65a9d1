import { BREAK, getNamedType, isObjectType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { CacheHints } from './hints.js';

/**
 * How long an anonymous answer to `document` may be shared: the shortest hint among every field it
 * selects, or undefined when any field has none (or is PRIVATE), the document holds anything but
 * queries, or it asks for introspection. Every fragment counts, used or not: refusing is always safe.
 */
export function sharedMaxAgeOf(document: DocumentNode, schema: GraphQLSchema, hints: CacheHints): number | undefined {
  if (document.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation !== 'query')) return undefined;
  const typeInfo = new TypeInfo(schema);
  let shortest = Number.POSITIVE_INFINITY;
  let refused = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        if (name === '__typename') return;
        const parent = typeInfo.getParentType();
        // Interfaces and unions would need every implementation's hint; none of ours is public.
        const age = parent && isObjectType(getNamedType(parent)) && !name.startsWith('__') ? hints.maxAgeOf(parent.name, name) : undefined;
        if (age === undefined) {
          refused = true;
          return BREAK;
        }
        shortest = Math.min(shortest, age);
      },
    }),
  );
  return refused || shortest === Number.POSITIVE_INFINITY ? undefined : shortest;
}
