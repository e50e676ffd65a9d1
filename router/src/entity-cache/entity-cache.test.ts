import { Supergraph } from '@apollo/federation-internals';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServiceMetrics } from '@sbor/core';
import { readSupergraph } from '@sbor/schema';
import { cacheHintsOf } from '../response-cache/hints.js';
import type { GatewayGraphQLResponse } from '../subgraph-dedupe.js';
import { EntityCache, viewerScope, type EntityFetch } from './entity-cache.js';

const sdl = readSupergraph();
const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const ORGANIZER = 'query($representations:[_Any!]!){_entities(representations:$representations){...on User{displayName}}}';
const STOCK = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Event{ticketTypes{id available}}}}';
const PRIVATE = 'query($representations:[_Any!]!){_entities(representations:$representations){...on User{email}}}';

const user = (id: string) => ({ __typename: 'User', id });
const newCache = (maxEntries = 100) =>
  new EntityCache({ hints: cacheHintsOf(sdl), schema: () => schema, maxEntries, metrics: createServiceMetrics('router') });
const fetchOf = (query: string, ids: string[], scope = viewerScope(null)): EntityFetch => ({
  subgraph: 'users',
  query,
  document: undefined,
  variables: { representations: ids.map(user) },
  scope,
});

/** A users subgraph stand-in: names each representation it is sent, and records what it was asked. */
function subgraph(name = (id: string) => `Name ${id}`) {
  const asked: string[][] = [];
  const send = vi.fn(async (variables: Record<string, unknown> | undefined): Promise<GatewayGraphQLResponse> => {
    const ids = (variables!.representations as { id: string }[]).map((r) => r.id);
    asked.push(ids);
    return { data: { _entities: ids.map((id) => ({ displayName: name(id) })) } };
  });
  return { asked, send };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('EntityCache', () => {
  it('answers a repeated public entity fetch from memory, and asks only for what it does not keep, in order', async () => {
    const cache = newCache();
    const users = subgraph();
    expect(await cache.through(fetchOf(ORGANIZER, ['a', 'b']), users.send)).toEqual({
      data: { _entities: [{ displayName: 'Name a' }, { displayName: 'Name b' }] },
    });
    const answer = await cache.through(fetchOf(ORGANIZER, ['c', 'a', 'b', 'd']), users.send);
    expect(answer.data).toEqual({
      _entities: [{ displayName: 'Name c' }, { displayName: 'Name a' }, { displayName: 'Name b' }, { displayName: 'Name d' }],
    });
    expect(users.asked).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    await cache.through(fetchOf(ORGANIZER, ['d', 'c']), users.send);
    expect(users.asked).toHaveLength(2);
  });

  it("never gives one viewer's entity to another, nor to anonymous callers", async () => {
    const cache = newCache();
    const ann = viewerScope({ userId: 'ann', role: 'USER' });
    const bob = viewerScope({ userId: 'bob', role: 'USER' });
    const asAnn = subgraph((id) => `seen by ann ${id}`);
    await cache.through(fetchOf(ORGANIZER, ['a'], ann), asAnn.send);
    const asBob = subgraph((id) => `seen by bob ${id}`);
    expect((await cache.through(fetchOf(ORGANIZER, ['a'], bob), asBob.send)).data).toEqual({
      _entities: [{ displayName: 'seen by bob a' }],
    });
    const anonymous = subgraph((id) => `seen by anyone ${id}`);
    expect((await cache.through(fetchOf(ORGANIZER, ['a']), anonymous.send)).data).toEqual({
      _entities: [{ displayName: 'seen by anyone a' }],
    });
    // Nor to the same user under another role: what a role may see can differ.
    const promoted = subgraph();
    await cache.through(fetchOf(ORGANIZER, ['a'], viewerScope({ userId: 'ann', role: 'ORGANIZER' })), promoted.send);
    expect(promoted.asked).toEqual([['a']]);
  });

  it('keeps nothing for a fetch with a private field, a root field or other arguments than the kept one', async () => {
    const cache = newCache();
    const users = subgraph();
    await cache.through(fetchOf(PRIVATE, ['a']), users.send);
    await cache.through(fetchOf(PRIVATE, ['a']), users.send);
    expect(users.asked).toHaveLength(2);
    const root = { ...fetchOf('{ categories { id } }', []), variables: {} };
    await cache.through(root, users.send as never).catch(() => undefined);
    expect(cache.size).toBe(0);
    // Arguments beside the representations are part of what was asked.
    const tickets = vi.fn(async () => ({ data: { _entities: [{ ticketTypes: [] }] } }));
    const stock = (voucher: string): EntityFetch => ({
      subgraph: 'tickets',
      query: STOCK,
      document: undefined,
      variables: { representations: [{ __typename: 'Event', id: 'e1' }], voucherCode: voucher },
      scope: viewerScope(null),
    });
    await cache.through(stock('A'), tickets);
    await cache.through(stock('B'), tickets);
    await cache.through(stock('A'), tickets);
    expect(tickets).toHaveBeenCalledTimes(2);
  });

  it('ends an entry after its shortest maxAge (10 s for a display name, 1 s for stock)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = newCache();
    const users = subgraph();
    await cache.through(fetchOf(ORGANIZER, ['a']), users.send);
    vi.setSystemTime(Date.now() + 9_900);
    await cache.through(fetchOf(ORGANIZER, ['a']), users.send);
    expect(users.asked).toHaveLength(1);
    vi.setSystemTime(Date.now() + 200);
    await cache.through(fetchOf(ORGANIZER, ['a']), users.send);
    expect(users.asked).toHaveLength(2);
  });

  it('ends every entry on invalidate, and keeps nothing from a fetch that an invalidation overtook', async () => {
    const cache = newCache();
    const users = subgraph();
    await cache.through(fetchOf(ORGANIZER, ['a']), users.send);
    cache.invalidate();
    expect(cache.size).toBe(0);
    const racing = cache.through(fetchOf(ORGANIZER, ['b']), async (variables) => {
      cache.invalidate(); // a fact or a mutation lands while the subgraph reads the old value
      return users.send(variables);
    });
    await racing;
    expect(cache.size).toBe(0);
  });

  it('keeps no null entity and nothing from an answer with errors, and puts errors at the positions asked', async () => {
    const cache = newCache();
    await cache.through(fetchOf(ORGANIZER, ['a']), subgraph().send);
    const failing = vi.fn(async () => ({
      data: { _entities: [null, { displayName: 'Name c' }] },
      errors: [{ message: 'gone', path: ['_entities', 0, 'displayName'] }],
    }));
    const answer = await cache.through(fetchOf(ORGANIZER, ['a', 'b', 'c']), failing as never);
    expect(answer.data).toEqual({ _entities: [{ displayName: 'Name a' }, null, { displayName: 'Name c' }] });
    expect(answer.errors).toEqual([{ message: 'gone', path: ['_entities', 1, 'displayName'] }]);
    expect(cache.size).toBe(1);
  });

  it('hands out a fresh copy each time (the gateway merges into what it gets) and stays within its bound', async () => {
    const cache = newCache(3);
    const users = subgraph();
    const first = await cache.through(fetchOf(ORGANIZER, ['a']), users.send);
    (first.data as { _entities: { displayName: string }[] })._entities[0]!.displayName = 'changed by the gateway';
    expect((await cache.through(fetchOf(ORGANIZER, ['a']), users.send)).data).toEqual({ _entities: [{ displayName: 'Name a' }] });
    await cache.through(fetchOf(ORGANIZER, ['b', 'c', 'd', 'e']), users.send);
    expect(cache.size).toBe(3);
  });
});
