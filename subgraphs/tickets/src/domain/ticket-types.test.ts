import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventInfo } from '../clients/events.js';
import { inMemoryTicketsRepositories } from './in-memory.js';
import { TicketTypes } from './ticket-types.js';

const HOUR = 60 * 60 * 1000;

describe('TicketTypes.create', () => {
  it('never adds a ticket type past the per-event limit: BAD_USER_INPUT with LIMIT_REACHED, nothing created', async () => {
    const repositories = inMemoryTicketsRepositories();
    const event: EventInfo = {
      id: randomUUID(),
      organizerId: randomUUID(),
      status: 'PUBLISHED',
      startsAt: new Date(Date.now() + 24 * HOUR),
      endsAt: new Date(Date.now() + 26 * HOUR),
      title: 'Jazz night',
      venue: 'Blue Hall',
    };
    const types = new TicketTypes(repositories.ticketTypes, { getEvent: async (id) => (id === event.id ? event : null) }, 2);
    const organizer = { userId: event.organizerId, role: 'ORGANIZER' as const, tokenId: randomUUID() };
    const input = (name: string) => ({
      name,
      priceCents: 0,
      currency: 'EUR',
      quantity: 10,
      salesStart: new Date(),
      salesEnd: event.endsAt,
    });
    await types.create(organizer, event.id, input('One'));
    await types.create(organizer, event.id, input('Two'));

    const refused = await types.create(organizer, event.id, input('Three')).then(
      () => undefined,
      (error: Error & { extensions?: Record<string, unknown> }) => error,
    );
    expect(refused?.message).toContain('at most 2 ticket types');
    expect(refused?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LIMIT_REACHED', limit: 2 });
    expect((await repositories.ticketTypes.ofEvents([event.id])).map((t) => t.name)).toEqual(['One', 'Two']);
  });
});
