import { describe, expect, it } from 'vitest';
import { callerRequests, EVENT_PAGE_QUERY, MY_NOTIFICATIONS_QUERY, MY_TICKETS_QUERY } from './federated-read-callers.js';
import { deduplicateReads, entityCache, responseCache } from './federated-read.js';

const queries = (offset: number) =>
  callerRequests({ token: 't1', eventId: 'e1' }, '/graphql', offset).map((r) => (JSON.parse(r.body!) as { query: string }).query);

describe('callerRequests', () => {
  it("sends the three reads with the caller's own token, the event page for the caller's event", () => {
    const requests = callerRequests({ token: 't1', eventId: 'e1' }, '/graphql', 0);
    expect(requests.map((r) => [r.method, r.path, r.headers?.authorization])).toEqual([
      ['POST', '/graphql', 'Bearer t1'],
      ['POST', '/graphql', 'Bearer t1'],
      ['POST', '/graphql', 'Bearer t1'],
    ]);
    expect(JSON.parse(requests[0]!.body!)).toEqual({ query: EVENT_PAGE_QUERY, variables: { id: 'e1' } });
    expect(queries(0)).toEqual([EVENT_PAGE_QUERY, MY_TICKETS_QUERY, MY_NOTIFICATIONS_QUERY]);
  });

  it('starts each connection at its own read, so the connections are not in step', () => {
    expect(queries(1)).toEqual([MY_TICKETS_QUERY, MY_NOTIFICATIONS_QUERY, EVENT_PAGE_QUERY]);
    expect(queries(5)).toEqual([MY_NOTIFICATIONS_QUERY, EVENT_PAGE_QUERY, MY_TICKETS_QUERY]);
  });
});

describe('deduplicateReads', () => {
  it("reads ROUTER_DEDUPLICATE_READS by the router's rule (on unless turned off)", () => {
    expect(deduplicateReads(undefined)).toBe(true);
    expect(deduplicateReads('')).toBe(true);
    expect(deduplicateReads('false')).toBe(false);
    expect(deduplicateReads('0')).toBe(false);
    expect(deduplicateReads('yes')).toBe(true);
  });
});

describe('responseCache', () => {
  it("reads ROUTER_RESPONSE_CACHE by the router's rule (on unless turned off)", () => {
    expect(responseCache(undefined)).toBe(true);
    expect(responseCache('false')).toBe(false);
  });
});

describe('entityCache', () => {
  it("reads ROUTER_ENTITY_CACHE by the router's rule (on unless turned off), so the bench adds a router with it off only then", () => {
    expect(entityCache(undefined)).toBe(true);
    expect(entityCache('false')).toBe(false);
  });
});
