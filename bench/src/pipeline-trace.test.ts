import { createServiceMetrics } from '@sbor/core';
import { pipelineMetrics } from '@sbor/messaging';
import { describe, expect, it } from 'vitest';
import { CONSUMER_HOPS, hopsBetween, type Scrape } from './pipeline-trace.js';

const scrape = async (text: () => Promise<string>): Promise<Scrape> => new Map([['notifications', await text()]]);

describe('hopsBetween', () => {
  it("reads each hop's figures over what happened between two scrapes only, narrowed to its labels", async () => {
    const metrics = createServiceMetrics('notifications');
    const pipeline = pipelineMetrics(metrics);
    pipeline.received('g', 'order.paid', 9);
    const before = await scrape(() => metrics.text());
    for (const seconds of [0.004, 0.006, 0.008, 0.012]) pipeline.received('g', 'order.paid', seconds);
    pipeline.received('g', 'ticket.purchased', 5);
    pipeline.transaction('g', 0.02, 10);
    pipeline.transaction('g', 0.04, 30);

    const hops = hopsBetween(before, await scrape(() => metrics.text()), CONSUMER_HOPS);
    const hop = (name: string) => hops.find((h) => h.hop.startsWith(name))!;

    // order.paid only, and not the 9 s observed before the first scrape.
    expect(hop('publish call → consumer')).toMatchObject({ count: 4, mean: 7.5, unit: 'ms' });
    expect(hop('publish call → consumer').p50).toBeGreaterThanOrEqual(5);
    expect(hop('publish call → consumer').p50).toBeLessThanOrEqual(7.5);
    expect(hop('publish call → consumer').p99).toBeLessThanOrEqual(15);
    expect(hop('consumer transaction')).toMatchObject({ count: 2, mean: 30 });
    expect(hop('  facts per transaction')).toMatchObject({ count: 2, mean: 20, unit: 'count' });
    expect(hop('after commit')).toMatchObject({ count: 0 });
    expect(hop('after commit').mean).toBeNaN();
  });
});
