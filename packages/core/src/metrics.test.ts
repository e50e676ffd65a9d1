import { describe, expect, it } from 'vitest';
import { createServiceMetrics } from './metrics.js';

describe('service metrics', () => {
  it('keeps one registry per service, each labelled with its service, plus process metrics', async () => {
    const tickets = createServiceMetrics('tickets');
    const events = createServiceMetrics('events');
    // The same name in two services' registries does not collide (embedded mode: one process).
    tickets.counter({ name: 'sbor_test_total', help: 'test' }).inc(2);
    events.counter({ name: 'sbor_test_total', help: 'test' }).inc(5);
    const text = await tickets.text();
    expect(text).toContain('sbor_test_total{service="tickets"} 2');
    expect(text).not.toContain('service="events"');
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(await events.text()).toContain('sbor_test_total{service="events"} 5');
  });

  it('returns the existing metric when one is registered twice', () => {
    const metrics = createServiceMetrics('users');
    const a = metrics.gauge({ name: 'sbor_twice', help: 'x' });
    expect(metrics.gauge({ name: 'sbor_twice', help: 'x' })).toBe(a);
  });

  it('collects gauges at scrape time', async () => {
    const metrics = createServiceMetrics('notifications');
    let value = 3;
    metrics.gauge({
      name: 'sbor_scraped',
      help: 'x',
      collect() {
        this.set(value);
      },
    });
    expect(await metrics.text()).toContain('sbor_scraped{service="notifications"} 3');
    value = 7;
    expect(await metrics.text()).toContain('sbor_scraped{service="notifications"} 7');
  });
});
