import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventsClient } from '../src/clients/events.js';
import { ticketsSettings } from '../src/config.js';
import { ticketsRepositories } from '../src/db/repositories.js';
import { TicketTypes } from '../src/domain/ticket-types.js';
import { openTestDatabase, ROUTER_SECRET, startEventsStub, viewer, type EventsStub, type TestDatabase } from './support.js';

let database: TestDatabase;
let stub: EventsStub;
let types: TicketTypes;
let limit: number;

beforeAll(async () => {
  database = await openTestDatabase('tickets_type_limit');
  stub = await startEventsStub();
  const settings = ticketsSettings.load({
    ROUTER_SECRET,
    TICKETS_PORT: '0',
    EVENTS_INTERNAL_URL: stub.url,
    MAX_TICKET_TYPES_PER_EVENT: '2',
  });
  limit = settings.limits.ticketTypesPerEvent;
  const events = createEventsClient({ baseUrl: stub.url, routerSecret: ROUTER_SECRET, timeoutMs: 3_000 });
  types = new TicketTypes(ticketsRepositories(database.pools[0]!.db).ticketTypes, events, limit);
});

afterAll(async () => {
  await stub?.close();
  await database?.close();
});

describe('Mutation.createTicketType', () => {
  it('never lets racing creates pass MAX_TICKET_TYPES_PER_EVENT: two are created, the third is refused', async () => {
    expect(limit).toBe(2);
    const event = stub.add();
    const create = (name: string) =>
      types.create(viewer(event.organizerId), event.id, {
        name,
        priceCents: 0,
        currency: 'EUR',
        quantity: 10,
        salesStart: new Date(Date.now() - 60_000),
        salesEnd: event.endsAt,
      });
    const outcomes = await Promise.allSettled(['A', 'B', 'C'].map(create));

    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error & { extensions?: object }] : []));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.message).toContain('at most 2 ticket types');
    expect(refused[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LIMIT_REACHED', limit: 2 });
    expect(await ticketsRepositories(database.pools[0]!.db).ticketTypes.ofEvents([event.id])).toHaveLength(2);
  });
});
