import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { readSupergraph } from '@sbor/schema';
import type { RouterContext } from '../context.js';
import { createGateway } from '../gateway.js';
import { EntityBatcher } from './entity-batch.js';
import { LiveEntitySource } from './entity-sources.js';
import { createItemResolver } from './items.js';
import { createLivePlanner } from './plan.js';

const logger = createLogger('items-test', 'silent');
const supergraphSdl = readSupergraph();
const planner = createLivePlanner(supergraphSdl);

/** The client-facing schema, exactly as the gateway builds it. */
async function apiSchemaOf() {
  const { gateway, apiSchema } = createGateway({
    supergraphSdl,
    subgraphUrls: {},
    routerSecret: undefined,
    subgraphTimeoutMs: 1000,
    deduplicateReads: false,
    logger,
  });
  await gateway.load();
  await gateway.stop();
  return apiSchema()!;
}

type Request = { subgraph: string; authorization: string | undefined; representations: { id: string }[]; query: string };

/** Subgraphs answering `_entities` from the ids: draft events are visible to their organizer only, tickets to their owner. */
function fakeSubgraphs(requests: Request[]) {
  const source = (subgraph: string): GraphQLDataSource<RouterContext> => ({
    process: async (options: GraphQLDataSourceProcessOptions<RouterContext>) => {
      const { representations } = options.request.variables as { representations: { id: string }[] };
      const authorization = (options.context as RouterContext).authorization;
      requests.push({ subgraph, authorization, representations, query: options.request.query! });
      const errors: { message: string; path: (string | number)[]; extensions: { code: string } }[] = [];
      const _entities = representations.map((r, i) => {
        if (subgraph === 'events') {
          if (r.id.startsWith('draft') && authorization !== 'Bearer organizer') return null;
          // The client aliases title as name; the real subgraph answers under the alias the fetch uses.
          return { __typename: 'Event', title: `Event ${r.id}`, name: `Event ${r.id}`, startsAt: '2027-01-01T10:00:00.000Z' };
        }
        if (authorization !== `Bearer owner-of-${r.id}`) {
          errors.push({ message: 'Ticket not found.', path: ['_entities', i], extensions: { code: 'NOT_FOUND' } });
          return null;
        }
        return { __typename: 'Ticket', code: `CODE-${r.id}`, event: { __typename: 'Event', id: `e-of-${r.id}` } };
      });
      return errors.length > 0 ? { data: { _entities }, errors } : { data: { _entities } };
    },
  });
  const batcher = new EntityBatcher();
  const services = Object.fromEntries(
    ['events', 'tickets', 'users', 'notifications'].map((name) => [
      name,
      new LiveEntitySource({ name, source: source(name), batcher, shared: name === 'events', logger }),
    ]),
  );
  return { services, batcher };
}

const subscriber = (authorization: string): RouterContext => ({
  requestId: 'r',
  clientIp: undefined,
  viewer: { userId: 'u', role: 'USER', tokenId: 'j' },
  authorization,
  logger,
  accessLog: {},
});

const item = (id: string, eventId: string | null, ticketId: string | null) => ({
  data: {
    added: {
      id,
      title: `Notification ${id}`,
      event: eventId ? { __typename: 'Event', id: eventId } : null,
      ticket: ticketId ? { __typename: 'Ticket', id: ticketId } : null,
    },
  },
});

const QUERY = `subscription Live($when: Boolean!) {
  added: notificationAdded { id title ...On event { name: title startsAt @include(if: $when) } ticket { code event { title } } }
} fragment On on Notification { __typename }`;

async function resolverFor(requests: Request[]) {
  const document = parse(QUERY);
  const plan = planner.plan(QUERY, document, 'Live');
  const { services, batcher } = fakeSubgraphs(requests);
  const resolve = createItemResolver(plan, document, 'Live', {
    planner,
    apiSchema: await apiSchemaOf(),
    services,
    formatError: (formatted) => formatted,
    logger,
  });
  return { resolve, batcher, plan };
}

describe('createItemResolver', () => {
  it("completes the streamed item with the other subgraphs' fields, shaped as the client asked", async () => {
    const requests: Request[] = [];
    const { resolve } = await resolverFor(requests);
    const result = await resolve(item('n1', 'e1', 't1'), subscriber('Bearer owner-of-t1'), { when: false });
    expect(result).toEqual({
      data: {
        added: {
          id: 'n1',
          title: 'Notification n1',
          __typename: 'Notification',
          event: { name: 'Event e1' },
          ticket: { code: 'CODE-t1', event: { title: 'Event e-of-t1' } },
        },
      },
    });
    expect(requests.map((r) => r.query).join('\n')).not.toContain('notification(');
  });

  it('sends one events request for the items of many subscribers arriving at the same moment', async () => {
    const requests: Request[] = [];
    const { resolve } = await resolverFor(requests);
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((who) => resolve(item(`n-${who}`, 'e1', null), subscriber(`Bearer ${who}`), { when: true })),
    );
    const events = requests.filter((r) => r.subgraph === 'events');
    expect(events).toHaveLength(1);
    expect(events[0]!.authorization).toBeUndefined();
    for (const result of results)
      expect(result.data?.added).toMatchObject({ event: { name: 'Event e1', startsAt: '2027-01-01T10:00:00.000Z' } });
  });

  it("fetches again as its subscriber an event the router may not see, and gives nobody else the organizer's view", async () => {
    const requests: Request[] = [];
    const { resolve } = await resolverFor(requests);
    const [organizer, stranger] = await Promise.all([
      resolve(item('n1', 'draft-1', null), subscriber('Bearer organizer'), { when: false }),
      resolve(item('n2', 'draft-1', null), subscriber('Bearer stranger'), { when: false }),
    ]);
    expect(organizer.data?.added).toMatchObject({ event: { name: 'Event draft-1' } });
    expect(stranger.data?.added).toMatchObject({ event: null });
    const events = requests.filter((r) => r.subgraph === 'events');
    expect(events.map((r) => r.authorization ?? 'router').sort()).toEqual(['Bearer organizer', 'Bearer stranger', 'router']);
  });

  it("batches owner-scoped tickets per subscriber's token, and reports another's ticket as not found", async () => {
    const requests: Request[] = [];
    const { resolve } = await resolverFor(requests);
    const [own, other] = await Promise.all([
      resolve(item('n1', null, 't1'), subscriber('Bearer owner-of-t1'), { when: false }),
      resolve(item('n2', null, 't1'), subscriber('Bearer someone-else'), { when: false }),
    ]);
    expect(own.data?.added).toMatchObject({ ticket: { code: 'CODE-t1' } });
    expect(other.data?.added).toMatchObject({ ticket: null });
    expect(other.errors).toEqual([expect.objectContaining({ message: 'Ticket not found.', path: ['added', 'ticket'] })]);
    expect(requests.filter((r) => r.subgraph === 'tickets').map((r) => r.authorization)).toEqual([
      'Bearer owner-of-t1',
      'Bearer someone-else',
    ]);
  });

  it('passes an item without data on as it is', async () => {
    const { resolve } = await resolverFor([]);
    const failed = { errors: [{ message: 'Not yours.', extensions: { code: 'FORBIDDEN' } }] };
    expect(await resolve(failed, subscriber('Bearer a'), { when: false })).toBe(failed);
  });
});
