import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readSupergraph } from '@sbor/schema';
import { cacheHintsOf } from '../response-cache/hints.js';
import { entityFetchMaxAge } from './policy.js';

const sdl = readSupergraph();
const supergraph = Supergraph.build(sdl);
const apiSchema = supergraph.apiSchema();
const schema = apiSchema.toGraphQLJSSchema();
const hints = cacheHintsOf(sdl);
const planner = new QueryPlanner(supergraph);

/** The fetches the router's own planner sends for a client operation, by subgraph. */
function fetchesOf(document: string): FetchNode[] {
  const fetches: FetchNode[] = [];
  const walk = (node: PlanNode | undefined): void => {
    if (!node) return;
    if (node.kind === 'Fetch') fetches.push(node);
    else if (node.kind === 'Flatten') walk(node.node);
    else if (node.kind === 'Sequence' || node.kind === 'Parallel') node.nodes.forEach(walk);
  };
  walk(planner.buildQueryPlan(operationFromDocument(apiSchema, parse(document))).node as PlanNode | undefined);
  return fetches;
}
const ageOf = (fetch: FetchNode) => entityFetchMaxAge(parse(fetch.operation), schema, hints);

describe('entityFetchMaxAge (which subgraph fetches the entity cache may keep)', () => {
  it("keeps the event page's organizer and ticket types for their shortest hint, and never its root field", () => {
    const fetches = fetchesOf(
      'query ($id: ID!) { event(id: $id) { title venue startsAt organizer { displayName } ticketTypes { id name priceCents currency available } } }',
    );
    const bySubgraph = Object.fromEntries(fetches.map((fetch) => [fetch.serviceName, ageOf(fetch)]));
    expect(bySubgraph).toEqual({ events: undefined, users: 10, tickets: 1 });
  });

  it("keeps a ticket's public event title but never the caller's tickets themselves", () => {
    const fetches = fetchesOf('{ me { tickets { id status event { title } } } }');
    expect(fetches.map((fetch) => [fetch.serviceName, ageOf(fetch)])).toEqual([
      ['users', undefined],
      ['tickets', undefined],
      ['events', 1],
    ]);
  });

  it('refuses an entity fetch with one field that has no public hint', () => {
    const [, stock] = fetchesOf('query ($id: ID!) { event(id: $id) { ticketTypes { id held sold available } } }');
    expect(stock?.serviceName).toBe('tickets');
    expect(ageOf(stock!)).toBeUndefined();
    const [, stats] = fetchesOf('query ($id: ID!) { event(id: $id) { salesStats { byType { sold } } } }');
    expect(ageOf(stats!)).toBeUndefined();
  });

  it('refuses anything but one unaliased `_entities` query: root fields, mutations, aliases, untyped selections', () => {
    const age = (operation: string) => entityFetchMaxAge(parse(operation), schema, hints);
    expect(age('{ event(id: "1") { title } }')).toBeUndefined();
    expect(
      age('mutation ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { displayName } } }'),
    ).toBeUndefined();
    expect(age('query ($r: [_Any!]!) { x: _entities(representations: $r) { ... on User { displayName } } }')).toBeUndefined();
    expect(age('query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { displayName } } me { id } }')).toBeUndefined();
    expect(age('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }')).toBeUndefined();
    expect(age('query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }')).toBeUndefined();
    // A named fragment counts like an inline one, and must be on the type it is spread in.
    expect(age('query ($r: [_Any!]!) { _entities(representations: $r) { ...U } } fragment U on User { __typename displayName }')).toBe(10);
    expect(
      age('query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { ...E } } } fragment E on Event { title }'),
    ).toBeUndefined();
  });
});
