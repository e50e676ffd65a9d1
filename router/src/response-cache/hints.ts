import { Kind, parse, type ConstDirectiveNode } from 'graphql';

/**
 * Cache hints as the subgraphs declared them (`@cacheControl(maxAge, scope: PUBLIC)`, kept in the
 * supergraph by `@composeDirective`): seconds a value may be shared, by `Type.field` and by type.
 * PRIVATE hints and fields without a hint are simply absent, which makes them uncacheable.
 */
export interface CacheHints {
  /** The longest a `Type.field` may be shared, or undefined when it may not be. */
  maxAgeOf(typeName: string, fieldName: string): number | undefined;
}

const DIRECTIVE = 'cacheControl';

export function cacheHintsOf(supergraphSdl: string): CacheHints {
  const fields = new Map<string, number>();
  const types = new Map<string, number>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeAge = publicMaxAge(definition.directives);
    if (typeAge !== undefined) types.set(definition.name.value, typeAge);
    for (const field of definition.fields ?? []) {
      const age = publicMaxAge(field.directives);
      if (age !== undefined) fields.set(`${definition.name.value}.${field.name.value}`, age);
    }
  }
  return {
    maxAgeOf: (typeName, fieldName) => fields.get(`${typeName}.${fieldName}`) ?? types.get(typeName),
  };
}

/** The shortest PUBLIC maxAge among the hints (a shared field may carry one per subgraph); any other hint refuses. */
function publicMaxAge(directives: readonly ConstDirectiveNode[] | undefined): number | undefined {
  let shortest: number | undefined;
  for (const directive of directives ?? []) {
    if (directive.name.value !== DIRECTIVE) continue;
    const args = new Map(directive.arguments?.map((a) => [a.name.value, a.value]));
    const scope = args.get('scope');
    const maxAge = args.get('maxAge');
    if (scope?.kind !== Kind.ENUM || scope.value !== 'PUBLIC' || maxAge?.kind !== Kind.INT) return undefined;
    const seconds = Number(maxAge.value);
    if (seconds <= 0) return undefined;
    shortest = shortest === undefined ? seconds : Math.min(shortest, seconds);
  }
  return shortest;
}
