import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { createLogger } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import type { TicketTypeRow } from '../domain/repositories.js';
import { order, person, refusal, ticketsSpec } from '../domain/spec-support.js';
import { LiveStock } from './live-stock.js';
import { stockChannel } from '../messaging/stock-signals.js';

const INTERVAL_MS = 100;
const opened: LiveStock[] = [];

afterEach(() => {
  for (const live of opened.splice(0)) live.close();
});

/** Live stock on in-memory ticket types and pub/sub, counting its reads; `failReads` makes the next reads throw. */
function liveSpec() {
  const spec = ticketsSpec();
  const cache = createMemoryCache();
  const events: EventsClient = { getEvent: async (id) => spec.events.get(id) ?? null };
  const reads = { count: 0, failing: 0 };
  const live = new LiveStock({
    cache,
    events,
    logger: createLogger('live-stock-spec', 'silent'),
    intervalMs: INTERVAL_MS,
    ticketTypes: {
      ofEvents: async (ids) => {
        reads.count++;
        if (reads.failing > 0 && reads.failing--) throw new Error('database unavailable');
        return spec.repositories.ticketTypes.ofEvents(ids);
      },
    },
  });
  opened.push(live);
  /** What the stock-signals consumer sends after a fact about the event. */
  const signal = (eventId: string) => cache.publish(stockChannel(eventId), '');
  return { ...spec, live, reads, signal };
}

/** Everything a watcher is sent, as `name held/sold`, and whether its watch ended. */
function watching(watch: AsyncIterableIterator<TicketTypeRow>) {
  const seen = { rows: [] as string[], ended: false };
  void (async () => {
    for await (const row of watch) seen.rows.push(`${row.name} ${row.held}/${row.sold}`);
    seen.ended = true;
  })();
  return seen;
}

const quiet = () => new Promise((resolve) => setTimeout(resolve, 3 * INTERVAL_MS));

describe('Subscription.ticketAvailabilityChanged (LiveStock.watch)', () => {
  it('answers NOT_FOUND for an unknown event, a malformed id and a draft', async () => {
    const spec = liveSpec();
    const { event: draft } = await spec.onSale(10, {}, { status: 'DRAFT' });

    for (const id of [randomUUID(), 'not-an-id', draft.id]) expect(await refusal(spec.live.watch(id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(spec.live.watched().size).toBe(0);
  });

  it('sends the current stock of each listed type first, never a hidden one', async () => {
    const spec = liveSpec();
    const { event } = await spec.onSale(10, { held: 2, sold: 3 });
    await spec.anotherType(event, { name: 'Backstage', hidden: true });

    const seen = watching(await spec.live.watch(event.id));

    await vi.waitFor(() => expect(seen.rows).toEqual(['Standard 2/3']));
    await quiet();
    expect(seen.rows).toEqual(['Standard 2/3']);
  });

  it('sends a type again when its numbers move, and only the types that moved', async () => {
    const spec = liveSpec();
    const { event, type } = await spec.onSale(10);
    await spec.anotherType(event);
    const seen = watching(await spec.live.watch(event.id));
    await vi.waitFor(() => expect(seen.rows).toHaveLength(2));

    await spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 2 }]));
    await spec.signal(event.id);

    await vi.waitFor(() => expect(seen.rows).toEqual(['Standard 0/0', 'VIP 0/0', 'Standard 2/0']));
    await spec.signal(event.id);
    await quiet();
    expect(seen.rows).toHaveLength(3);
  });

  it('reads once for every watcher, folds a burst of signals into few reads, and the last change always goes out', async () => {
    const spec = liveSpec();
    const { event, type } = await spec.onSale(10);
    const first = watching(await spec.live.watch(event.id));
    const second = watching(await spec.live.watch(event.id));
    expect(spec.live.watched()).toEqual(new Map([[event.id, 2]]));
    expect(spec.reads.count).toBe(1);

    for (let i = 0; i < 10; i++) {
      await spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]));
      await spec.signal(event.id);
    }

    for (const seen of [first, second]) await vi.waitFor(() => expect(seen.rows.at(-1)).toBe('Standard 10/0'));
    expect(spec.reads.count).toBeLessThanOrEqual(4);
  });

  it('keeps going after a failed read: the change goes out at the next interval', async () => {
    const spec = liveSpec();
    const { event, type } = await spec.onSale(10);
    const seen = watching(await spec.live.watch(event.id));
    spec.reads.failing = 1;

    await spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]));
    await spec.signal(event.id);

    await vi.waitFor(() => expect(seen.rows).toEqual(['Standard 0/0', 'Standard 1/0']));
    expect(spec.reads.count).toBe(3);
  });

  it('answers a cancelled or finished event’s last values, then ends', async () => {
    const spec = liveSpec();
    const cancelled = await spec.onSale(10, { sold: 4 }, { status: 'CANCELLED' });
    const completed = await spec.onSale(10, { sold: 7 }, { status: 'COMPLETED' });

    for (const [{ event }, last] of [
      [cancelled, 'Standard 0/4'],
      [completed, 'Standard 0/7'],
    ] as const) {
      const seen = watching(await spec.live.watch(event.id));
      await vi.waitFor(() => expect(seen).toEqual({ rows: [last], ended: true }));
    }
    expect(spec.live.watched().size).toBe(0);
  });

  it('stops reading an event once its last watcher leaves', async () => {
    const spec = liveSpec();
    const { event, type } = await spec.onSale(10);
    const watches = [await spec.live.watch(event.id), await spec.live.watch(event.id)];

    await watches[0]!.return!();
    expect(spec.live.watched()).toEqual(new Map([[event.id, 1]]));
    await watches[1]!.return!();
    expect(spec.live.watched().size).toBe(0);

    const reads = spec.reads.count;
    await spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]));
    await spec.signal(event.id);
    await quiet();
    expect(spec.reads.count).toBe(reads);
  });

  it('ends every watch when the service stops', async () => {
    const spec = liveSpec();
    const a = await spec.onSale(10);
    const b = await spec.onSale(10);
    const seen = [watching(await spec.live.watch(a.event.id)), watching(await spec.live.watch(b.event.id))];

    spec.live.close();

    for (const s of seen) await vi.waitFor(() => expect(s.ended).toBe(true));
    expect(spec.live.watched().size).toBe(0);
  });
});
