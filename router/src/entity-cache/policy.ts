import {
  Kind,
  getNamedType,
  isLeafType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { CacheHints } from '../response-cache/hints.js';

const ENTITIES = '_entities';

/**
 * How long the entities a subgraph fetch asks for may be kept: the shortest hint among every field
 * it selects under `_entities(representations:)`, or undefined when the fetch is anything else (a
 * root field, a mutation, another root field beside `_entities`) or selects any field without a
 * PUBLIC hint. The fetch is the query planner's own operation, in subgraph terms; its type and
 * field names are the supergraph's, so the API schema types them.
 */
export function entityFetchMaxAge(document: DocumentNode, schema: GraphQLSchema, hints: CacheHints): number | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: SelectionSetNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (definition.operation !== 'query' || operation) return undefined;
      operation = definition.selectionSet;
    } else return undefined;
  }
  const root = operation?.selections;
  if (root?.length !== 1 || root[0]!.kind !== Kind.FIELD || root[0]!.name.value !== ENTITIES || root[0]!.alias) return undefined;
  const entities = root[0]!.selectionSet;
  if (!entities) return undefined;

  let shortest = Number.POSITIVE_INFINITY;
  /** Walks one selection set on `typeName`; false as soon as anything is not public. */
  const walk = (typeName: string | undefined, selectionSet: SelectionSetNode, depth: number): boolean => {
    // Every selection under `_entities` itself names its type; a bare field there would be untyped.
    const named = typeName === undefined ? undefined : schema.getType(typeName);
    if (typeName !== undefined && !isObjectType(named)) return false;
    const type = isObjectType(named) ? named : undefined;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        const field = type?.getFields()[name];
        const age = field && hints.maxAgeOf(typeName!, name);
        if (!field || age === undefined) return false;
        shortest = Math.min(shortest, age);
        const fieldType = getNamedType(field.type);
        if (selection.selectionSet) {
          if (!isObjectType(fieldType) || !walk(fieldType.name, selection.selectionSet, depth + 1)) return false;
        } else if (!isLeafType(fieldType)) return false;
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      const condition = fragment?.typeCondition?.name.value ?? typeName;
      // Interfaces and unions would need every implementation's hint; a fragment on another
      // object type inside a typed selection cannot match anything public we know of.
      if (!fragment || condition === undefined || (typeName !== undefined && condition !== typeName)) return false;
      if (depth > 32 || !walk(condition, fragment.selectionSet, depth + 1)) return false;
    }
    return true;
  };
  return walk(undefined, entities, 0) && shortest !== Number.POSITIVE_INFINITY ? shortest : undefined;
}
