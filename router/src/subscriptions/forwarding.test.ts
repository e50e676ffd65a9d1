import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readSupergraph } from '@sbor/schema';
import { planLiveSubscription } from './follow-up.js';
import { createForwardingCheck, isSingleFetchTo } from './forwarding.js';

const canForward = createForwardingCheck(readSupergraph());

/** What the router decides for a client's subscription document. */
function forwards(query: string, operationName?: string): boolean {
  const plan = planLiveSubscription(parse(query), operationName);
  return canForward(print(plan.followUp), plan.subgraph);
}

describe('Subscription.notificationAdded forwarding', () => {
  it('forwards a selection the notifications subgraph owns', () => {
    expect(forwards('subscription { notificationAdded { id type title body read createdAt } }')).toBe(true);
  });

  it('forwards __typename, and the id of an event or ticket it only references', () => {
    expect(forwards('subscription { notificationAdded { __typename id event { __typename id } ticket { id } } }')).toBe(true);
  });

  it('reads back through the gateway when the selection needs the events subgraph', () => {
    expect(forwards('subscription { notificationAdded { id event { id title } } }')).toBe(false);
  });

  it('reads back through the gateway when the selection needs the tickets subgraph', () => {
    expect(forwards('subscription { notificationAdded { id ticket { code } } }')).toBe(false);
  });

  it('forwards aliases, fragments and inline fragments over owned fields', () => {
    expect(
      forwards(`
        subscription { added: notificationAdded { key: id ...Head ... on Notification { text: body } } }
        fragment Head on Notification { title kind: type }
      `),
    ).toBe(true);
  });

  it('sees a field of another subgraph inside a nested fragment', () => {
    expect(
      forwards(`
        subscription { notificationAdded { id ...Outer } }
        fragment Outer on Notification { title ...Inner }
        fragment Inner on Notification { event { startsAt } }
      `),
    ).toBe(false);
  });

  it('forwards a selection switched by variables when every branch is owned', () => {
    expect(forwards('subscription Live($full: Boolean!) { notificationAdded { id body @include(if: $full) } }', 'Live')).toBe(true);
  });

  it('reads back through the gateway when a variable may switch on a field of another subgraph', () => {
    expect(forwards('subscription Live($full: Boolean!) { notificationAdded { id event @include(if: $full) { title } } }')).toBe(false);
  });

  it('judges only the chosen operation of a document with several', () => {
    const document = `
      subscription Slim { notificationAdded { id title } }
      subscription Rich { notificationAdded { id event { title } } }
    `;
    expect(forwards(document, 'Slim')).toBe(true);
    expect(forwards(document, 'Rich')).toBe(false);
  });

  it('does not forward a query the planner refuses', () => {
    expect(canForward('query ($sborLiveItemId: ID!) { notification(id: $sborLiveItemId) { nope } }', 'notifications')).toBe(false);
  });

  it('answers for the streaming subgraph only', () => {
    const plan = planLiveSubscription(parse('subscription { notificationAdded { id } }'));
    expect(canForward(print(plan.followUp), 'events')).toBe(false);
  });
});

describe('isSingleFetchTo', () => {
  const fetch = {
    kind: 'Fetch',
    serviceName: 'notifications',
    operation: '{ x }',
    operationName: undefined,
    operationKind: 'query',
  } as const;

  it('accepts one plain fetch to the subgraph', () => {
    expect(isSingleFetchTo(fetch as never, 'notifications')).toBe(true);
  });

  it('refuses a fetch the gateway would rewrite or defer, and any other plan node', () => {
    expect(isSingleFetchTo({ ...fetch, hasDefers: true } as never, 'notifications')).toBe(false);
    expect(
      isSingleFetchTo({ ...fetch, outputRewrites: [{ kind: 'KeyRenamer', path: [], renameKeyTo: 'a' }] } as never, 'notifications'),
    ).toBe(false);
    expect(isSingleFetchTo({ kind: 'Sequence', nodes: [fetch] } as never, 'notifications')).toBe(false);
    expect(isSingleFetchTo(undefined, 'notifications')).toBe(false);
  });
});
