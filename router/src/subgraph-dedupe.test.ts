import { describe, expect, it } from 'vitest';
import { collapseRepresentations, InflightReads, isQueryOperation, type GatewayGraphQLResponse } from './subgraph-dedupe.js';

const user = (id: string) => ({ __typename: 'User', id });

describe('collapseRepresentations', () => {
  it('sends each distinct representation once', () => {
    const plan = collapseRepresentations({ representations: [user('a'), user('b'), user('a'), user('a')], other: 1 });
    expect(plan?.variables).toEqual({ representations: [user('a'), user('b')], other: 1 });
  });

  it('puts the answer back in the order and length the gateway asked for, as separate objects', () => {
    const plan = collapseRepresentations({ representations: [user('a'), user('b'), user('a')] })!;
    const answer = plan.expand({ data: { _entities: [{ displayName: 'Ann', address: { city: 'Brno' } }, { displayName: 'Bob' }] } });
    const entities = (answer.data as { _entities: { displayName: string; address?: object }[] })._entities;
    expect(entities.map((e) => e.displayName)).toEqual(['Ann', 'Bob', 'Ann']);
    expect(entities[2]).toEqual(entities[0]);
    // The gateway merges into these in place; a shared object would leak one event's data into another.
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[2]!.address).not.toBe(entities[0]!.address);
  });

  it('reports an error about a representation at every position that asked for it', () => {
    const plan = collapseRepresentations({ representations: [user('a'), user('b'), user('a')] })!;
    const answer = plan.expand({
      data: { _entities: [null, { displayName: 'Bob' }] },
      errors: [{ message: 'gone', path: ['_entities', 0, 'displayName'] }, { message: 'elsewhere' }],
    });
    expect(answer.errors).toEqual([
      { message: 'gone', path: ['_entities', 0, 'displayName'] },
      { message: 'gone', path: ['_entities', 2, 'displayName'] },
      { message: 'elsewhere' },
    ]);
  });

  it('leaves requests without repeats, and answers of the wrong length, alone', () => {
    expect(collapseRepresentations({ representations: [user('a'), user('b')] })).toBeUndefined();
    expect(collapseRepresentations({ id: 'x' })).toBeUndefined();
    expect(collapseRepresentations(undefined)).toBeUndefined();
    const plan = collapseRepresentations({ representations: [user('a'), user('a')] })!;
    const malformed = { data: { _entities: [] } };
    expect(plan.expand(malformed)).toBe(malformed);
  });
});

describe('isQueryOperation', () => {
  it('shares reads only, never mutations', () => {
    expect(isQueryOperation('{events(first:20){edges{node{id}}}}')).toBe(true);
    expect(isQueryOperation('query($representations:[_Any!]!){_entities(representations:$representations){...on User{id}}}')).toBe(true);
    expect(isQueryOperation('query Named{me{id}}')).toBe(true);
    expect(isQueryOperation('mutation{purchaseTickets(input:{}){id}}')).toBe(false);
    expect(isQueryOperation('subscription{notificationAdded{id}}')).toBe(false);
    expect(isQueryOperation('queryX{a}')).toBe(false);
  });
});

describe('InflightReads', () => {
  const deferred = () => {
    let resolve!: (value: GatewayGraphQLResponse) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<GatewayGraphQLResponse>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };

  it('sends identical reads in flight once and gives every caller its own copy', async () => {
    const reads = new InflightReads();
    const answer = deferred();
    let sent = 0;
    const send = () => {
      sent += 1;
      return answer.promise;
    };
    const all = Promise.all([reads.share('k', send), reads.share('k', send), reads.share('k', send)]);
    answer.resolve({ data: { events: [{ id: '1' }] } });
    const [a, b, c] = await all;
    expect(sent).toBe(1);
    expect(a).toEqual({ data: { events: [{ id: '1' }] }, http: undefined });
    expect(b).toEqual(a);
    expect(new Set([a!.data, b!.data, c!.data]).size).toBe(3);
    expect(reads.size).toBe(0);
  });

  it('sends again once the first answer is in, and keeps different keys apart', async () => {
    const reads = new InflightReads();
    let sent = 0;
    const send = () => Promise.resolve({ data: { n: ++sent } });
    expect(await reads.share('k', send)).toEqual({ data: { n: 1 } });
    expect(await reads.share('k', send)).toEqual({ data: { n: 2 } });
    const [x, y] = await Promise.all([reads.share('k', send), reads.share('other', send)]);
    expect([x!.data, y!.data]).toEqual([{ n: 3 }, { n: 4 }]);
  });

  it('hands the failure to every caller and forgets it', async () => {
    const reads = new InflightReads();
    const answer = deferred();
    const send = () => answer.promise;
    const both = Promise.allSettled([reads.share('k', send), reads.share('k', send)]);
    answer.reject(new Error('The events service is unavailable right now.'));
    expect((await both).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(reads.size).toBe(0);
  });
});
