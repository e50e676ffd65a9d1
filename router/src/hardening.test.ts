import { ApolloGateway } from '@apollo/gateway';
import { parse, type GraphQLError, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSupergraph } from '@sbor/schema';
import { createHardening } from './hardening.js';

const limits = { maxDepth: 12, maxAliases: 15, maxCost: 5000, maxTokens: 2000, maxDirectives: 50 };
let schema: GraphQLSchema;

beforeAll(async () => {
  // The client-facing API schema of the checked-in supergraph, as the router serves it.
  const gateway = new ApolloGateway({ supergraphSdl: readSupergraph() });
  schema = (await gateway.load()).schema;
  await gateway.stop();
});

const validate = (query: string, overrides: Partial<typeof limits> = {}, blockFieldSuggestions = true) =>
  createHardening({ ...limits, ...overrides }, { blockFieldSuggestions }).validate(schema, parse(query));

const reasons = (errors: readonly GraphQLError[]) => errors.map((e) => e.extensions);

const SESSION = 'mutation { becomeOrganizer { accessToken user { id displayName role } } }';

describe('createHardening', () => {
  it('accepts ordinary operations under the default limits', () => {
    expect(validate('{ me { id displayName role } }')).toEqual([]);
    expect(validate(SESSION)).toEqual([]);
  });

  it('refuses an operation nested deeper than maxDepth, as a validation failure naming the limit', () => {
    expect(validate(SESSION, { maxDepth: 3 })).toEqual([]);
    const errors = validate(SESSION, { maxDepth: 2 });
    expect(reasons(errors)).toEqual([{ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_DEPTH' }]);
    expect(errors[0]?.message).toBe('Query depth limit of 2 exceeded, found 3.');
  });

  it('counts fragments towards depth, so nesting cannot hide in them', () => {
    const viaFragments = 'mutation { becomeOrganizer { ...S } } fragment S on AuthPayload { user { ...U } } fragment U on User { id }';
    expect(reasons(validate(viaFragments, { maxDepth: 3 }))).toEqual([{ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_DEPTH' }]);
  });

  it('refuses more aliases than maxAliases', () => {
    const errors = validate('{ a: me { id } b: me { id } c: me { id } }', { maxAliases: 2 });
    expect(reasons(errors)).toEqual([{ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_ALIASES' }]);
    expect(errors[0]?.message).toMatch(/Aliases limit of 2 exceeded/);
  });

  it('refuses an operation that costs more than maxCost', () => {
    expect(validate(SESSION, { maxCost: 100 })).toEqual([]);
    const errors = validate(SESSION, { maxCost: 10 });
    expect(reasons(errors)).toEqual([{ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_COST' }]);
    expect(errors[0]?.message).toMatch(/Query Cost limit of 10 exceeded/);
  });

  it('refuses more directives than maxDirectives', () => {
    const errors = validate('{ me @include(if: true) { id @skip(if: false) displayName @skip(if: false) } }', { maxDirectives: 2 });
    expect(reasons(errors)).toEqual([{ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_DIRECTIVES' }]);
  });

  it('limits tokens at parse time, with a syntax error rather than a crash', () => {
    const { parseOptions } = createHardening({ ...limits, maxTokens: 60 }, { blockFieldSuggestions: true });
    expect(() => parse(`{ me { ${'id '.repeat(100)}} }`, parseOptions)).toThrow(/Document contains more that 60 tokens/);
    expect(() => parse('{ me { id } }', parseOptions)).not.toThrow();
  });

  it('hides field suggestions when asked to, and keeps them otherwise', () => {
    const [hidden] = validate('{ me { displayNam } }');
    expect(hidden?.message).toBe('Cannot query field "displayNam" on type "User". [Suggestion hidden]?');
    const [shown] = validate('{ me { displayNam } }', {}, false);
    expect(shown?.message).toMatch(/Did you mean "displayName"\?/);
  });
});
