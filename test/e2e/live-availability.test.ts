import { randomUUID } from 'node:crypto';
import { createClient, type FormattedExecutionResult } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';
import { waitFor } from '@sbor/testing';
import { actorsOn, inHours, type Actor } from './support/actors.js';
import { RESERVE } from './support/orders.js';

const CREATE_TYPE = 'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }';
const CANCEL = 'mutation ($o: ID!) { cancelOrder(orderId: $o) { id status } }';
const WATCH = `subscription ($e: ID!) { ticketAvailabilityChanged(eventId: $e) {
  id name available held sold event { id title } } }`;

interface Stock {
  id: string;
  name: string;
  available: number;
  held: number;
  sold: number;
  event: { id: string; title: string };
}

/** A browser on the event's page without signing in: a socket to the router with no token. */
function watchAnonymously(routerUrl: string, eventId: string) {
  const client = createClient({ url: routerUrl.replace(/^http/, 'ws'), retryAttempts: 0 });
  const results: FormattedExecutionResult<{ ticketAvailabilityChanged: Stock }, unknown>[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const dispose = client.subscribe<{ ticketAvailabilityChanged: Stock }>(
    { query: WATCH, variables: { e: eventId } },
    {
      next: (result) => results.push(result),
      error: (error) => errors.push(error),
      complete: () => (completed = true),
    },
  );
  return {
    results,
    errors,
    completed: () => completed,
    stock: () => results.flatMap((r) => (r.data ? [r.data.ticketAvailabilityChanged] : [])),
    close: async () => {
      dispose();
      await client.dispose();
    },
  };
}

describe.each(MODES)('live stock through the router (%s mode)', (mode) => {
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let organizer: Actor;
  const open: ReturnType<typeof watchAnonymously>[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(mode);
    api = actorsOn(platform);
    organizer = await api.signUp('Olga Organizer', true);
  });
  afterAll(async () => {
    for (const watcher of open) await watcher.close();
    await platform?.stop();
  });

  const watching = (eventId: string) => {
    const watcher = watchAnonymously(platform.routerUrl, eventId);
    open.push(watcher);
    return watcher;
  };

  async function typeOf(eventId: string, name: string, hidden = false) {
    const input = { name, priceCents: 1500, currency: 'EUR', quantity: 50, hidden, salesStart: inHours(-1), salesEnd: inHours(40) };
    return (await api.ok<{ id: string }>(CREATE_TYPE, { e: eventId, i: input }, organizer.token)).id;
  }

  it('Subscription.ticketAvailabilityChanged follows holds and their release to the final available, with no token and no buyer data', async () => {
    const event = await api.publishedEvent(organizer, 'Flash Sale Night');
    const typeId = await typeOf(event.id, 'Standing');
    await typeOf(event.id, 'Crew', true);
    const watchers = [watching(event.id), watching(event.id)];
    for (const watcher of watchers) await waitFor(() => watcher.stock().length > 0, 15_000, 'the current stock');
    expect(watchers[0]!.stock()[0]).toEqual({
      id: typeId,
      name: 'Standing',
      available: 50,
      held: 0,
      sold: 0,
      event: { id: event.id, title: 'Flash Sale Night' },
    });

    const buyers = await Promise.all(['Ann', 'Bob', 'Cy'].map((name) => api.signUp(name)));
    const orders = await Promise.all(
      buyers.map((buyer) =>
        api.ok<{ id: string }>(
          RESERVE,
          { i: { eventId: event.id, items: [{ ticketTypeId: typeId, quantity: 2 }], idempotencyKey: randomUUID() } },
          buyer.token,
        ),
      ),
    );
    await api.ok(CANCEL, { o: orders[0]!.id }, buyers[0]!.token);
    const listed = await api.ok<{ ticketTypes: { id: string; available: number }[] }>(
      'query ($id: ID!) { event(id: $id) { ticketTypes { id available } } }',
      { id: event.id },
    );
    expect(listed.ticketTypes).toEqual([{ id: typeId, available: 46 }]);

    for (const watcher of watchers) {
      await waitFor(() => watcher.stock().at(-1)?.available === 46, 20_000, 'the final available');
      expect(watcher.stock().at(-1)).toMatchObject({ held: 4, sold: 0 });
      expect(watcher.errors).toEqual([]);
      expect(watcher.results.every((r) => r.errors === undefined)).toBe(true);
      // Only the listed type, only its public fields: no hidden type, no buyer, no order.
      expect(new Set(watcher.stock().map((s) => s.id))).toEqual(new Set([typeId]));
      const sent = JSON.stringify(watcher.results);
      for (const value of [...buyers.flatMap((b) => [b.id, b.token]), ...orders.map((o) => o.id), 'Ann', 'Bob']) {
        expect(sent).not.toContain(value);
      }
    }
  });

  it('Subscription.ticketAvailabilityChanged answers a draft or unknown event with NOT_FOUND', async () => {
    const draft = await api.ok<{ id: string }>(
      'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
      { i: { title: 'Not yet', description: 'Soon.', venue: 'Blue Hall', startsAt: inHours(48), endsAt: inHours(50) } },
      organizer.token,
    );
    for (const eventId of [draft.id, randomUUID()]) {
      const watcher = watching(eventId);
      await waitFor(() => watcher.results.length > 0 || watcher.errors.length > 0, 15_000, 'the refusal');
      const errors = [...watcher.results.flatMap((r) => r.errors ?? []), ...watcher.errors.flat()];
      expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
      expect(watcher.stock()).toEqual([]);
    }
  });
});
