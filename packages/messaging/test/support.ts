/** Helpers shared by the unit and integration tests of this package. */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@sbor/core';
import type { Bus, OutgoingMessage } from '../src/bus.js';
import { makeFact, type Fact } from '../src/contracts.js';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
export const TEST_SCHEMA = 'messaging_test';

/** Quiet unless LOG_LEVEL asks otherwise: dead-letter warnings are expected in these tests. */
export const testLogger = createLogger('messaging-test', process.env.LOG_LEVEL ?? 'silent');

export function ticketPurchased(overrides: Partial<Fact<'ticket.purchased'>['data']> = {}): Fact<'ticket.purchased'> {
  return makeFact('ticket.purchased', {
    ticket_id: randomUUID(),
    event_id: randomUUID(),
    ticket_type_id: randomUUID(),
    user_id: randomUUID(),
    status: 'ACTIVE',
    purchased_at: new Date().toISOString(),
    ...overrides,
  });
}

/** A bus whose publish acks only when the test says so. */
export function controlledBus() {
  const calls: { messages: OutgoingMessage[]; ack: () => void; fail: (error: Error) => void }[] = [];
  const bus: Bus = {
    publish: (messages) =>
      new Promise<void>((ack, fail) => {
        calls.push({ messages: [...messages], ack, fail });
      }),
    subscribe: () => Promise.reject(new Error('controlledBus only publishes')),
    close: async () => {},
  };
  return { bus, calls };
}

/** A bus that acks at once (or fails while `failing` is set) and remembers what it published. */
export function recordingBus() {
  const published: OutgoingMessage[] = [];
  const state = { failing: false };
  const bus: Bus = {
    publish: async (messages) => {
      if (state.failing) throw new Error('broker unavailable');
      published.push(...messages);
    },
    subscribe: () => Promise.reject(new Error('recordingBus only publishes')),
    close: async () => {},
  };
  return { bus, published, state };
}
