import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { createMemoryBus, Topics } from '@sbor/messaging';
import { hearPublicFacts } from './public-facts.js';

const logger = createLogger('router', 'silent');
const bus = createMemoryBus({ logger });
afterEach(() => bus.close());

describe('hearPublicFacts', () => {
  it('ends both the response cache and the entity cache on a fact that changes public data, once each', async () => {
    const ended = { answers: 0, entities: 0 };
    const facts = hearPublicFacts(
      bus,
      [{ invalidate: async () => void ended.answers++ }, undefined, { invalidate: () => void ended.entities++ }],
      logger,
    );
    facts.start();
    // The subscription joins in the background; a fact published after it joined is heard.
    for (let i = 0; i < 100 && ended.answers === 0; i++) {
      await bus.publish([{ topic: Topics.eventCancelled, key: `e${i}`, value: '{}' }]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ended.answers).toBeGreaterThan(0);
    expect(ended.entities).toBe(ended.answers);
    await bus.publish([{ topic: Topics.userRegistered, key: 'u1', value: '{}' }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ended.entities).toBe(ended.answers);
    await facts.stop();
  });
});
