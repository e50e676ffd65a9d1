import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetterHeaders, type Bus, type IncomingMessage, type Subscription } from '../src/bus.js';
import { committedOffset, newKafkaBus, uniqueGroup } from './kafka.js';
import { waitFor } from '@sbor/testing';

let bus: Bus;
const subscriptions: Subscription[] = [];

beforeAll(() => {
  bus = newKafkaBus();
});

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.stop()));
  await bus?.close();
});

/** Subscribes from the current end of the topics and collects what this run's keys receive. */
async function collect(topics: string[], keys: Set<string>, handler?: (m: IncomingMessage) => Promise<void>, maxAttempts?: number) {
  const received: IncomingMessage[] = [];
  const deadLettered: IncomingMessage[] = [];
  const subscription = await bus.subscribe({
    groupId: uniqueGroup('bus'),
    topics,
    startAt: 'latest',
    maxAttempts,
    onDeadLettered: (m) => void deadLettered.push(m),
    handler: async (m) => {
      if (!m.key || !keys.has(m.key)) return;
      await handler?.(m);
      received.push(m);
    },
  });
  subscriptions.push(subscription);
  return { received, deadLettered, subscription };
}

describe('createKafkaBus', () => {
  it('delivers published messages with key, value and headers, once per group, in key order', async () => {
    const key = randomUUID();
    const keys = new Set([key]);
    const a = await collect(['ticket.purchased'], keys);
    const b = await collect(['ticket.purchased'], keys);

    await bus.publish([1, 2, 3].map((n) => ({ topic: 'ticket.purchased', key, value: `v${n}`, headers: { 'x-trace': `t${n}` } })));

    await waitFor(() => a.received.length >= 3 && b.received.length >= 3, 20_000, 'both groups');
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const { received } of [a, b]) {
      expect(received.map((m) => m.value)).toEqual(['v1', 'v2', 'v3']);
      expect(received[0]).toMatchObject({ topic: 'ticket.purchased', key, headers: { 'x-trace': 't1' } });
    }
  });

  it('retries a failing handler, then parks the message in the .dlq topic with its error and moves on', async () => {
    const key = randomUUID();
    const keys = new Set([key]);
    let attempts = 0;
    const parked = await collect(['ticket.purchased.dlq'], keys);
    const consumer = await collect(
      ['ticket.purchased'],
      keys,
      async (m) => {
        if (m.value === 'poison') {
          attempts++;
          throw new Error('cannot apply poison');
        }
      },
      3,
    );

    await bus.publish([
      { topic: 'ticket.purchased', key, value: 'poison' },
      { topic: 'ticket.purchased', key, value: 'healthy' },
    ]);

    await waitFor(() => parked.received.length === 1 && consumer.received.length === 1, 20_000, 'dead letter and next message');
    expect(attempts).toBe(3);
    expect(consumer.received.map((m) => m.value)).toEqual(['healthy']);
    // The subscriber hears of the parking (what `countDeadLetters` counts).
    expect(consumer.deadLettered.map((m) => m.value)).toEqual(['poison']);
    const dead = parked.received[0]!;
    expect(dead).toMatchObject({ topic: 'ticket.purchased.dlq', key, value: 'poison' });
    expect(dead.headers).toMatchObject({
      [DeadLetterHeaders.error]: 'cannot apply poison',
      [DeadLetterHeaders.attempts]: '3',
      [DeadLetterHeaders.originalTopic]: 'ticket.purchased',
    });
    expect(Number(dead.headers[DeadLetterHeaders.originalOffset])).toBeGreaterThanOrEqual(0);
  });

  it('hands a backlog to batchHandler in order, and a batch that fails to handler one by one', async () => {
    const key = randomUUID();
    const mine = (m: IncomingMessage) => m.key === key;
    const batches: string[][] = [];
    const single: string[] = [];
    const parked = await collect(['ticket.checkin.dlq'], new Set([key]));
    const subscription = await bus.subscribe({
      groupId: uniqueGroup('batch'),
      topics: ['ticket.checkin'],
      startAt: 'latest',
      maxAttempts: 2,
      handler: async (m) => {
        if (!mine(m)) return;
        if (m.value === 'poison') throw new Error('cannot apply poison');
        single.push(m.value);
      },
      batchHandler: async (messages) => {
        const values = messages.filter(mine).map((m) => m.value);
        if (values.includes('poison')) throw new Error('a batch with poison in it');
        if (values.length > 0) batches.push(values);
      },
    });
    subscriptions.push(subscription);

    // One produce request each: the consumer finds each group of five waiting together.
    await bus.publish(['a1', 'a2', 'a3', 'a4', 'a5'].map((value) => ({ topic: 'ticket.checkin', key, value })));
    await waitFor(() => batches.flat().length + single.length >= 5, 20_000, 'the first five');
    await bus.publish(['b1', 'poison', 'b2'].map((value) => ({ topic: 'ticket.checkin', key, value })));
    await waitFor(
      () => parked.received.length === 1 && single.filter((v) => v.startsWith('b')).length === 2,
      20_000,
      'the failed batch, one by one',
    );

    expect([...batches.flat(), ...single.filter((v) => v.startsWith('a'))]).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(batches.some((b) => b.length > 1)).toBe(true);
    expect(single.filter((v) => v.startsWith('b'))).toEqual(['b1', 'b2']);
    expect(parked.received.map((m) => m.value)).toEqual(['poison']);
  });

  it('commits a message finished during stop(), so the group does not see it again', async () => {
    const key = randomUUID();
    const groupId = uniqueGroup('commit');
    let release: (() => void) | undefined;
    const first = await bus.subscribe({
      groupId,
      topics: ['ticket.purchased'],
      startAt: 'latest',
      handler: async (m) => {
        if (m.key === key) await new Promise<void>((resolve) => (release = resolve));
      },
    });
    await bus.publish([{ topic: 'ticket.purchased', key, value: 'in hand' }]);
    await waitFor(() => release !== undefined, 20_000, 'first delivery');
    const stopping = first.stop();
    release!();
    await stopping;

    const seen: string[] = [];
    const second = await bus.subscribe({
      groupId,
      topics: ['ticket.purchased'],
      handler: async (m) => {
        if (m.key === key) seen.push(m.value);
      },
    });
    subscriptions.push(second);
    await bus.publish([{ topic: 'ticket.purchased', key, value: 'next' }]);
    await waitFor(() => seen.includes('next'), 20_000, 'next message');
    expect(seen).toEqual(['next']);
  });

  it('commits a message only after its handler resolved', async () => {
    const key = randomUUID();
    const groupId = uniqueGroup('commit-after');
    let release: (() => void) | undefined;
    let delivered: IncomingMessage | undefined;
    subscriptions.push(
      await bus.subscribe({
        groupId,
        topics: ['ticket.purchased'],
        startAt: 'latest',
        handler: async (m) => {
          if (m.key !== key) return;
          delivered = m;
          await new Promise<void>((resolve) => (release = resolve));
        },
      }),
    );
    await bus.publish([{ topic: 'ticket.purchased', key, value: 'slow' }]);
    await waitFor(() => release !== undefined, 20_000, 'delivery');
    const { partition, offset } = delivered!;

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(BigInt(await committedOffset(groupId, 'ticket.purchased', partition))).toBeLessThanOrEqual(BigInt(offset));

    release!();
    const next = String(BigInt(offset) + 1n);
    await waitFor(async () => (await committedOffset(groupId, 'ticket.purchased', partition)) === next, 10_000, 'commit');
  });

  it('rejects publishing to a topic the broker does not have', async () => {
    await expect(bus.publish([{ topic: `no-such-topic-${randomUUID()}`, key: 'k', value: 'v' }])).rejects.toThrow();
  }, 30_000);

  it('leaves an idle broker connection without a timer loop (kafkajs#1704)', async () => {
    await bus.publish([{ topic: 'ticket.purchased', key: randomUUID(), value: 'wake the connection' }]);
    const fromRequestQueue: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = ((handler: () => void, ms?: number) => {
      if (new Error().stack?.includes('requestQueue')) fromRequestQueue.push(ms ?? 0);
      return realSetTimeout(handler, ms);
    }) as typeof setTimeout;
    try {
      await bus.publish([{ topic: 'ticket.purchased', key: randomUUID(), value: 'one request' }]);
      await new Promise((resolve) => realSetTimeout(resolve, 300));
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    // Unguarded, each response re-arms a 1 ms timer forever: hundreds in 300 ms.
    expect(fromRequestQueue.length).toBeLessThan(5);
    expect(fromRequestQueue.every((ms) => ms >= 0)).toBe(true);
  });
});
