import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readSupergraph } from '@sbor/schema';
import { createLivePlanner } from './plan.js';

const planner = createLivePlanner(readSupergraph());
const plan = (query: string, operationName?: string) => planner.plan(query, parse(query), operationName);

describe('createLivePlanner', () => {
  it('relays a selection the notifications subgraph answers alone', () => {
    const live = plan('subscription { notificationAdded { id type title body read createdAt } }');
    expect(live).toMatchObject({ field: 'notificationAdded', subgraph: 'notifications', relayAsIs: true, rest: undefined });
  });

  it('relays __typename and the id of an event or ticket it only references', () => {
    expect(plan('subscription { notificationAdded { __typename id event { __typename id } ticket { id } } }').relayAsIs).toBe(true);
  });

  it('streams the keys of foreign entities and plans their fields as entity fetches, from the supergraph', () => {
    const live = plan('subscription { notificationAdded { id event { title } ticket { code } } }');
    expect(live.relayAsIs).toBe(false);
    expect(live.primary.operation).toContain('event{__typename id}');
    expect(live.primary.operation).toContain('ticket{__typename id}');
    const fetches = JSON.stringify(live.rest);
    expect(fetches).toContain('"serviceName":"events"');
    expect(fetches).toContain('"serviceName":"tickets"');
    expect(fetches).not.toContain('notification(');
  });

  it('sees a foreign field inside a nested fragment, and one a variable may switch on', () => {
    expect(
      plan(`subscription { notificationAdded { id ...Outer } }
        fragment Outer on Notification { title ...Inner }
        fragment Inner on Notification { event { startsAt } }`).relayAsIs,
    ).toBe(false);
    const switched = plan('subscription Live($full: Boolean!) { notificationAdded { id event @include(if: $full) { title } } }', 'Live');
    expect(switched.relayAsIs).toBe(false);
    expect(switched.primary.variableUsages).toEqual(['full']);
  });

  it('plans the chosen operation of a document with several', () => {
    const document = `subscription Slim { notificationAdded { id title } }
      subscription Rich { notificationAdded { id event { title } } }`;
    expect(plan(document, 'Slim').relayAsIs).toBe(true);
    expect(plan(document, 'Rich').relayAsIs).toBe(false);
  });

  it('remembers a plan per document and operation', () => {
    const query = 'subscription { notificationAdded { id } }';
    expect(plan(query)).toBe(plan(query));
  });

  it('refuses a query: only subscriptions are served live', () => {
    expect(() => plan('{ categories { id } }')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
