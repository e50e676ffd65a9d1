import { readFileSync } from 'node:fs';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';

/**
 * The subgraph schema from its SDL and resolvers. The resolver map arrives typed by GraphQL Code
 * Generator for this very SDL (`federation: true`), which is stricter than @apollo/subgraph's
 * loose `GraphQLResolverMap`; this is the one place the two meet.
 */
export function buildSchema(schemaPath: string, resolvers: object): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(readFileSync(schemaPath, 'utf8')), resolvers: resolvers as GraphQLResolverMap<unknown> }]);
}
