import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readSupergraph } from '@sbor/schema';
import { cacheHintsOf } from './hints.js';
import { sharedMaxAgeOf } from './policy.js';

const sdl = readSupergraph();
const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const hints = cacheHintsOf(sdl);
const maxAgeOf = (document: string) => sharedMaxAgeOf(parse(document), schema, hints);

describe('sharedMaxAgeOf (which anonymous answers the router may share)', () => {
  it('shares the public events listing, with its ticket types and organizer name, for the shortest hint', () => {
    expect(
      maxAgeOf(`query Listing { events(first: 5) { edges { cursor node { id title status category { name } organizer { displayName }
        ticketTypes { name priceCents available } schedule { title } } } pageInfo { hasNextPage endCursor } } }`),
    ).toBe(1);
    expect(maxAgeOf('query ($id: ID!) { event(id: $id) { __typename id title venue startsAt } }')).toBe(1);
  });

  it('takes the longest a longer-lived field allows when it is asked alone', () => {
    expect(maxAgeOf('{ categories { id name slug } }')).toBe(10);
  });

  it('refuses a document with one unhinted field, even inside a fragment', () => {
    expect(maxAgeOf('{ events { edges { node { id salesStats { byType { sold } } } } } }')).toBeUndefined();
    expect(maxAgeOf('{ events { edges { node { ...F } } } } fragment F on Event { id organizer { email } }')).toBeUndefined();
    // The stock breakdown is what organizers act on: always read fresh; the shop needs `available`.
    expect(maxAgeOf('query ($id: ID!) { event(id: $id) { ticketTypes { id held sold available } } }')).toBeUndefined();
  });

  it("refuses the caller's own data, mutations and introspection", () => {
    expect(maxAgeOf('{ me { id displayName } }')).toBeUndefined();
    expect(maxAgeOf('{ events { edges { node { id } } } me { id } }')).toBeUndefined();
    expect(maxAgeOf('mutation { logout(refreshToken: "x") }')).toBeUndefined();
    expect(maxAgeOf('{ __schema { types { name } } }')).toBeUndefined();
    expect(maxAgeOf('{ __type(name: "Event") { name } }')).toBeUndefined();
  });
});
