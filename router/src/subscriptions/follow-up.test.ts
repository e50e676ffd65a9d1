import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { planLiveSubscription, UnsupportedSubscriptionError } from './follow-up.js';

describe('planLiveSubscription', () => {
  it('re-roots the client selection on the by-id query, keeping alias, variables and fragments', () => {
    const plan = planLiveSubscription(
      parse(`
        subscription Live($withBody: Boolean!) {
          added: notificationAdded { id ...N body @include(if: $withBody) event { title } }
        }
        fragment N on Notification { title }
      `),
    );
    expect(plan).toMatchObject({ field: 'notificationAdded', subgraph: 'notifications', responseKey: 'added' });
    const text = print(plan.followUp);
    expect(text).toContain('query Live($withBody: Boolean!, $sborLiveItemId: ID!)');
    expect(text).toContain('added: notification(id: $sborLiveItemId)');
    expect(text).toContain('body @include(if: $withBody)');
    expect(text).toContain('fragment N on Notification');
  });

  it('uses the field name as the response key when there is no alias', () => {
    expect(planLiveSubscription(parse('subscription { notificationAdded { id } }')).responseKey).toBe('notificationAdded');
  });

  it('refuses a subscription field it cannot serve', () => {
    expect(() => planLiveSubscription(parse('subscription { somethingElse { id } }'))).toThrow(UnsupportedSubscriptionError);
  });

  it('refuses a root selected through a fragment', () => {
    expect(() => planLiveSubscription(parse('subscription { ...R } fragment R on Subscription { notificationAdded { id } }'))).toThrow(
      UnsupportedSubscriptionError,
    );
  });

  it('keeps only the chosen operation and the fragments it uses, for both the follow-up and the upstream document', () => {
    const plan = planLiveSubscription(
      parse(`
        subscription Live { notificationAdded { ...A } }
        query Other { me { ...U } }
        fragment A on Notification { id ...B }
        fragment B on Notification { title }
        fragment U on User { id }
      `),
      'Live',
    );
    for (const document of [plan.followUp, plan.subscription]) {
      const names = document.definitions.map((d) => ('name' in d ? d.name?.value : undefined));
      expect(names.sort()).toEqual(['A', 'B', 'Live']);
    }
    expect(print(plan.subscription)).toContain('subscription Live {\n  notificationAdded {');
  });
});
