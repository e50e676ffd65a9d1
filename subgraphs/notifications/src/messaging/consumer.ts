import type { Logger } from '@sbor/core';
import type { Db, Tx } from '@sbor/db';
import { createFactConsumer, type Bus, type Fact, type FactHandlers, type Subscription } from '@sbor/messaging';
import { notificationsRepositories } from '../db/repositories.js';
import { inbox } from '../db/schema.js';
import type { AvailableChannels, Recorded } from '../domain/recorder.js';
import { applyFact, factEffects } from './fact-handlers.js';

export interface FactConsumerSettings {
  bus: Bus;
  db: Db;
  /** 'notifications' in production; tests give each run its own group. */
  groupId: string;
  startAt: 'earliest' | 'latest';
  maxAttempts?: number;
  /** Channels this deployment can send on; email needs SMTP_URL. */
  available: AvailableChannels;
  logger: Logger;
  /** Runs once the effect committed: live publish, cache refresh, waking the delivery worker. */
  afterCommit: (recorded: Recorded) => Promise<void>;
}

/**
 * Validates each fact and applies it once with the inbox, in one transaction: the repositories
 * the effect writes through are bound to that transaction. Only after commit does the live
 * publish happen: a live notification must never go out for a transaction that could still roll
 * back. A malformed fact is dead-lettered at once; any other failure is retried by the bus and
 * then dead-lettered with its error.
 */
export function startFactConsumer(settings: FactConsumerSettings): Promise<Subscription> {
  const apply = (fact: Fact, tx: Tx) => applyFact(fact, notificationsRepositories(tx), settings.available);
  const handlers = Object.fromEntries(Object.keys(factEffects).map((topic) => [topic, apply])) as FactHandlers<Recorded>;
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
