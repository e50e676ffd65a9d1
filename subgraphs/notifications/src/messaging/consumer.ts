import type { Logger } from '@sbor/core';
import type { Db, Tx } from '@sbor/db';
import { createFactConsumer, type Bus, type Fact, type FactHandlers, type Subscription, type Topic } from '@sbor/messaging';
import { inbox } from '../db/schema.js';
import { recordNotifications, type Recorded } from '../domain/recorder.js';
import { factEffects, type FactEffect } from './fact-handlers.js';

export interface FactConsumerSettings {
  bus: Bus;
  db: Db;
  /** 'notifications' in production; tests give each run its own group. */
  groupId: string;
  startAt: 'earliest' | 'latest';
  maxAttempts?: number;
  /** Channels this deployment can send on; email needs SMTP_URL. */
  available: { email: boolean };
  logger: Logger;
  /** Runs once the effect committed: live publish, cache refresh, waking the delivery worker. */
  afterCommit: (recorded: Recorded) => Promise<void>;
}

/**
 * Validates each fact and applies it once with the inbox, in one transaction; only after commit
 * does the live publish happen: a live notification must never go out for a transaction that
 * could still roll back. A malformed fact is dead-lettered at once; any other failure is retried
 * by the bus and then dead-lettered with its error.
 */
export function startFactConsumer(settings: FactConsumerSettings): Promise<Subscription> {
  const handlers = Object.fromEntries(
    (Object.entries(factEffects) as [Topic, FactEffect<Topic>][]).map(([topic, effect]) => [
      topic,
      async (fact: Fact, tx: Tx) => recordNotifications(tx, await effect(fact, tx), settings.available),
    ]),
  ) as FactHandlers<Recorded>;
  return createFactConsumer<Recorded>({
    bus: settings.bus,
    db: settings.db,
    inbox,
    groupId: settings.groupId,
    startAt: settings.startAt,
    maxAttempts: settings.maxAttempts,
    handlers,
    // Clients that miss this catch up with notifications(unreadOnly: true).
    afterCommit: settings.afterCommit,
    logger: settings.logger,
  });
}
