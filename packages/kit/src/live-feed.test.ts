import { describe, expect, it } from 'vitest';
import { AsyncQueue } from '@sbor/core';
import { LiveEvent, resumableFeed, type ResumableSource } from './live-feed.js';

interface Item {
  id: string;
  seq: number;
}

/** A store of items by seq and a channel the test publishes to, with the order of what the feed did. */
function fakeSource(stored: Item[]) {
  const channel = new AsyncQueue<Item>();
  const calls: string[] = [];
  const source: ResumableSource<Item> = {
    live: async () => {
      calls.push('live');
      return channel;
    },
    after: async (cursor, limit) => {
      calls.push(`after ${cursor}`);
      return stored.filter((i) => i.seq > Number(cursor)).slice(0, limit);
    },
    position: async () => {
      calls.push('position');
      return String(Math.max(0, ...stored.map((i) => i.seq)));
    },
    oldest: (held) => String(Math.min(...held.map(Number))),
    cursorOf: (item) => String(item.seq),
    idOf: (item) => item.id,
  };
  return { source, channel, calls };
}

const item = (seq: number): Item => ({ id: `n${seq}`, seq });
const cursors = (events: LiveEvent<Item>[]) => events.map((e) => (e.value ? e.cursor : `@${e.cursor}`));

async function take(feed: AsyncIterator<LiveEvent<Item>>, count: number) {
  const events: LiveEvent<Item>[] = [];
  for (let i = 0; i < count; i++) events.push((await feed.next()).value as LiveEvent<Item>);
  return events;
}

describe('resumableFeed', () => {
  it('subscribes to the channel before reading the store, then replays after the cursor in order', async () => {
    const { source, channel, calls } = fakeSource([1, 2, 3, 4].map(item));
    const feed = await resumableFeed(source, { after: ['2'], announcePosition: true });
    channel.push(item(5));
    expect(cursors(await take(feed, 3))).toEqual(['3', '4', '5']);
    expect(calls.slice(0, 2)).toEqual(['live', 'after 2']);
  });

  it('skips a live item the replay yielded already, and passes on one it did not', async () => {
    const { source, channel } = fakeSource([1, 2, 3].map(item));
    const feed = await resumableFeed(source, { after: ['1'], announcePosition: false });
    // Committed before the read and published after the subscription: in both.
    channel.push(item(3));
    channel.push(item(4));
    expect(cursors(await take(feed, 3))).toEqual(['2', '3', '4']);
  });

  it('replays from the oldest cursor held and skips the ones held, so items committed out of order are not lost', async () => {
    // 5 committed after 6 and was not delivered before the drop; 4 and 6 were.
    const { source, channel } = fakeSource([3, 4, 5, 6, 7].map(item));
    const feed = await resumableFeed(source, { after: ['6', '4'], announcePosition: false });
    channel.push(item(8));
    expect(cursors(await take(feed, 3))).toEqual(['5', '7', '8']);
  });

  it('replays a long gap page by page', async () => {
    const stored = Array.from({ length: 250 }, (_, i) => item(i + 1));
    const { source, calls } = fakeSource(stored);
    const feed = await resumableFeed(source, { after: ['0'], announcePosition: false });
    const events = await take(feed, 250);
    expect(events.map((e) => e.value?.seq)).toEqual(stored.map((i) => i.seq));
    expect(calls.filter((c) => c.startsWith('after'))).toEqual(['after 0', 'after 100', 'after 200']);
  });

  it('announces the position first when starting now and asked to', async () => {
    const { source, channel, calls } = fakeSource([1, 2].map(item));
    const feed = await resumableFeed(source, { after: [], announcePosition: true });
    channel.push(item(3));
    expect(cursors(await take(feed, 2))).toEqual(['@2', '3']);
    expect(calls).toEqual(['live', 'position']);
  });

  it('neither announces nor replays for a plain subscriber', async () => {
    const { source, channel, calls } = fakeSource([1].map(item));
    const feed = await resumableFeed(source, { after: [], announcePosition: false });
    channel.push(item(2));
    expect(cursors(await take(feed, 1))).toEqual(['2']);
    expect(calls).toEqual(['live']);
  });

  it('ends at once on return(), even while waiting for the channel, and unsubscribes', async () => {
    const { source, channel } = fakeSource([]);
    const feed = await resumableFeed(source, { after: [], announcePosition: false });
    const waiting = feed.next();
    await feed.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(channel.closed).toBe(true);
  });
});
