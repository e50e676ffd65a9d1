import { describe, expect, it } from 'vitest';
import { createServiceMetrics } from '@sbor/core';
import { PermanentMessageError } from './bus.js';
import { createMemoryBus } from './memory-bus.js';
import { countDeadLetters, registerConsumerLagMetrics, registerOutboxMetrics } from './metrics.js';
import { testLogger } from '../test/support.js';

describe('messaging metrics', () => {
  it('reports the memory bus queue depth as consumer lag, per group and topic', async () => {
    const bus = createMemoryBus({ partitions: 2 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: () => gate });
    const metrics = createServiceMetrics('tickets');
    registerConsumerLagMetrics(metrics, bus, () => ['g']);
    await bus.publish(['a', 'b', 'c', 'd'].map((key) => ({ topic: 't', key, value: key })));
    await new Promise((r) => setImmediate(r));
    const busy = await bus.lag!('g');
    expect(busy[0]!.topic).toBe('t');
    expect(busy[0]!.lag).toBeGreaterThan(0);
    expect(await metrics.text()).toMatch(/sbor_consumer_lag\{group="g",topic="t",service="tickets"\} [1-4]/);
    release();
    await bus.idle();
    expect(await bus.lag!('g')).toEqual([{ topic: 't', lag: 0 }]);
    expect(await metrics.text()).toContain('sbor_consumer_lag{group="g",topic="t",service="tickets"} 0');
    expect(await bus.lag!('unknown')).toEqual([]);
    await bus.close();
  });

  it('reports the outbox backlog, and NaN when it cannot be read', async () => {
    const metrics = createServiceMetrics('events');
    let fail = false;
    registerOutboxMetrics(metrics, async () => {
      if (fail) throw new Error('database down');
      return { unsent: 4, oldestAgeSeconds: 2.5 };
    });
    const text = await metrics.text();
    expect(text).toContain('sbor_outbox_unsent{service="events"} 4');
    expect(text).toContain('sbor_outbox_oldest_unsent_age_seconds{service="events"} 2.5');
    fail = true;
    await new Promise((r) => setImmediate(r));
    // prom-client writes NaN as `Nan` (Prometheus reads it case-insensitively).
    expect(await metrics.text()).toContain('sbor_outbox_unsent{service="events"} Nan');
  });

  it('counts the messages a group parks in the dead-letter topic, from 0 as soon as it subscribes', async () => {
    const bus = createMemoryBus({ retry: { initialDelayMs: 1, maxDelayMs: 1 }, logger: testLogger });
    const metrics = createServiceMetrics('tickets');
    const counted = countDeadLetters(bus, metrics);
    const parked: string[] = [];
    await counted.subscribe({
      groupId: 'g',
      topics: ['event.cancelled'],
      maxAttempts: 2,
      handler: async (message) => {
        if (message.value === 'forged') throw new PermanentMessageError('forged');
        if (message.value === 'broken') throw new Error('keeps failing');
      },
      onDeadLettered: (message) => void parked.push(message.value),
    });
    const line = (n: number) => `sbor_messages_dead_lettered_total{group="g",topic="event.cancelled",service="tickets"} ${n}`;
    expect(await metrics.text()).toContain(line(0));
    await counted.publish(['fine', 'forged', 'broken'].map((value) => ({ topic: 'event.cancelled', key: 'k', value })));
    await bus.idle();
    expect(await metrics.text()).toContain(line(2));
    // The subscriber's own hook still hears of each, and the parked copies are in the .dlq topic.
    expect(parked).toEqual(['forged', 'broken']);
    expect(bus.deadLetters().map((d) => d.message.value)).toEqual(['forged', 'broken']);
    await bus.close();
  });
});
