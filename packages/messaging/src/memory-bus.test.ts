import { afterEach, describe, expect, it } from 'vitest';
import { DeadLetterHeaders, PermanentMessageError, type IncomingMessage } from './bus.js';
import { createMemoryBus, type MemoryBus } from './memory-bus.js';
import { waitFor } from '@sbor/testing';
import { testLogger } from '../test/support.js';

const fast = { initialDelayMs: 1, maxDelayMs: 5 };
let bus: MemoryBus;

function newBus() {
  bus = createMemoryBus({ retry: fast, logger: testLogger });
  return bus;
}

const message = (key: string, value: string, topic = 'ticket.purchased') => ({ topic, key, value });

afterEach(async () => {
  await bus?.close();
});

describe('createMemoryBus', () => {
  it('delivers after publish returned, never inside it', async () => {
    newBus();
    const seen: string[] = [];
    await bus.subscribe({ groupId: 'g', topics: ['ticket.purchased'], handler: async (m) => void seen.push(m.value) });
    await bus.publish([message('k', 'v')]);
    expect(seen).toEqual([]);
    await bus.idle();
    expect(seen).toEqual(['v']);
  });

  it('gives every group each message once', async () => {
    newBus();
    const seen: Record<string, string[]> = { a: [], b: [] };
    for (const groupId of ['a', 'b']) {
      await bus.subscribe({ groupId, topics: ['ticket.purchased'], handler: async (m) => void seen[groupId]!.push(m.value) });
    }
    await bus.publish(Array.from({ length: 20 }, (_, i) => message(`key-${i}`, `m${i}`)));
    await bus.idle();
    const all = Array.from({ length: 20 }, (_, i) => `m${i}`);
    expect(seen.a!.sort()).toEqual([...all].sort());
    expect(seen.b!.sort()).toEqual([...all].sort());
  });

  it('shares one group between its members, each message going to one of them', async () => {
    newBus();
    const byMember: string[][] = [[], []];
    for (const seen of byMember) {
      await bus.subscribe({ groupId: 'g', topics: ['ticket.purchased'], handler: async (m) => void seen.push(m.value) });
    }
    await bus.publish(Array.from({ length: 40 }, (_, i) => message(`key-${i}`, `m${i}`)));
    await bus.idle();
    const [first, second] = byMember as [string[], string[]];
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect([...first, ...second].sort()).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`).sort());
  });

  it('keeps the order of messages with one key, even when handlers take varying time', async () => {
    newBus();
    const seen: Record<string, number[]> = {};
    await bus.subscribe({
      groupId: 'g',
      topics: ['ticket.purchased'],
      handler: async (m) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        (seen[m.key!] ??= []).push(Number(m.value));
      },
    });
    for (let i = 0; i < 30; i++) await bus.publish([message(`key-${i % 3}`, String(i))]);
    await bus.idle();
    for (const values of Object.values(seen)) expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(Object.values(seen).flat()).toHaveLength(30);
  });

  it('lets a group that joins later read what was published before (startAt earliest)', async () => {
    newBus();
    await bus.publish([message('k', 'early')]);
    const seen: string[] = [];
    await bus.subscribe({ groupId: 'late', topics: ['ticket.purchased'], handler: async (m) => void seen.push(m.value) });
    await bus.idle();
    expect(seen).toEqual(['early']);
  });

  it('skips history for startAt latest but delivers what comes after subscribe', async () => {
    newBus();
    await bus.publish([message('k', 'old')]);
    const seen: string[] = [];
    await bus.subscribe({ groupId: 'g', topics: ['ticket.purchased'], startAt: 'latest', handler: async (m) => void seen.push(m.value) });
    await bus.publish([message('k', 'new')]);
    await bus.idle();
    expect(seen).toEqual(['new']);
  });

  it('retries a failing handler and commits once it succeeds', async () => {
    newBus();
    let calls = 0;
    await bus.subscribe({
      groupId: 'g',
      topics: ['ticket.purchased'],
      handler: async () => {
        if (++calls < 3) throw new Error('database busy');
      },
    });
    await bus.publish([message('k', 'v')]);
    await bus.idle();
    expect(calls).toBe(3);
    expect(bus.deadLetters()).toEqual([]);
  });

  it('dead-letters a message after maxAttempts, with the error in headers, and moves on', async () => {
    newBus();
    const handled: string[] = [];
    const parked: IncomingMessage[] = [];
    let attempts = 0;
    await bus.subscribe({
      groupId: 'g',
      topics: ['ticket.purchased'],
      maxAttempts: 3,
      handler: async (m) => {
        if (m.value === 'poison') {
          attempts++;
          throw new Error('cannot apply');
        }
        handled.push(m.value);
      },
    });
    await bus.subscribe({ groupId: 'dlq-reader', topics: ['ticket.purchased.dlq'], handler: async (m) => void parked.push(m) });
    await bus.publish([message('k', 'poison'), message('k', 'after')]);
    await bus.idle();

    expect(attempts).toBe(3);
    expect(handled).toEqual(['after']);
    expect(bus.deadLetters()).toMatchObject([{ groupId: 'g', error: 'cannot apply', attempts: 3, message: { value: 'poison' } }]);
    expect(parked).toHaveLength(1);
    expect(parked[0]!.value).toBe('poison');
    expect(parked[0]!.headers).toMatchObject({
      [DeadLetterHeaders.error]: 'cannot apply',
      [DeadLetterHeaders.attempts]: '3',
      [DeadLetterHeaders.originalTopic]: 'ticket.purchased',
      [DeadLetterHeaders.originalOffset]: '0',
      [DeadLetterHeaders.groupId]: 'g',
    });
  });

  it('dead-letters a permanent error at once, without retrying', async () => {
    newBus();
    let attempts = 0;
    await bus.subscribe({
      groupId: 'g',
      topics: ['ticket.purchased'],
      handler: async () => {
        attempts++;
        throw new PermanentMessageError('malformed');
      },
    });
    await bus.publish([message('k', 'bad')]);
    await bus.idle();
    expect(attempts).toBe(1);
    expect(bus.deadLetters()).toMatchObject([{ attempts: 1, error: 'malformed' }]);
  });

  it('stop() waits for the message in hand, and a later member continues after it', async () => {
    newBus();
    let release!: () => void;
    const seen: string[] = [];
    const first = await bus.subscribe({
      groupId: 'g',
      topics: ['ticket.purchased'],
      handler: (m) =>
        new Promise<void>((resolve) => {
          release = () => {
            seen.push(`first:${m.value}`);
            resolve();
          };
        }),
    });
    await bus.publish([message('k', 'one'), message('k', 'two')]);
    await waitFor(() => release !== undefined, 1000, 'first delivery');
    let stopped = false;
    const stopping = first.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;

    await bus.subscribe({ groupId: 'g', topics: ['ticket.purchased'], handler: async (m) => void seen.push(`second:${m.value}`) });
    await bus.idle();
    expect(seen).toEqual(['first:one', 'second:two']);
  });
});
