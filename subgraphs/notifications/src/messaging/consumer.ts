import type { Logger } from '@sbor/core';
import type { Db } from '@sbor/db';
import {
  checkingBus,
  createFactConsumer,
  type Fact,
  type AppliedFact,
  type Bus,
  type FactHandlers,
  type PipelineMetrics,
  type Subscription,
} from '@sbor/messaging';
import { notificationsRepositories } from '../db/repositories.js';
import { inbox } from '../db/schema.js';
import type { AvailableChannels, Recorded } from '../domain/recorder.js';
import { CHECKED_TOPICS } from './check-facts.js';
import { applyFacts, factEffects } from './fact-handlers.js';

/** What one consumer transaction committed: its notifications, and the facts they came from. */
export interface CommittedFacts {
  recorded: Recorded;
  applied: readonly AppliedFact[];
}

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
  /** Runs once a transaction committed: live publish, cache refresh, waking the delivery worker. */
  afterCommit: (committed: CommittedFacts) => Promise<void>;
  metrics?: PipelineMetrics;
  /** Checks a fact of `CHECKED_TOPICS` with its owner before it is applied; throws to park or retry it. */
  check: (fact: Fact) => Promise<void>;
}

/**
 * Validates each fact and applies it once with the inbox, a batch of facts per transaction: the
 * repositories the effects write through are bound to that transaction. The inbox claims the
 * batch's new facts, then `applyFacts` runs their effects in order, purchases and paid orders a
 * batch at a time, and stores the notifications they ask for together: one preferences read and
 * one insert per batch, not per fact. Only after commit does the live publish happen: a live
 * notification must never go out for a transaction that could still roll back. A malformed fact
 * is dead-lettered at once; any other failure is retried by the bus and then dead-lettered with
 * its error.
 */
export function startFactConsumer(settings: FactConsumerSettings): Promise<Subscription> {
  // Every effect runs in `complete`, where the whole batch is known.
  const claimOnly = async () => {};
  const handlers = Object.fromEntries(Object.keys(factEffects).map((topic) => [topic, claimOnly])) as FactHandlers;
  return createFactConsumer<void, CommittedFacts>({
    bus: checkingBus(settings.bus, CHECKED_TOPICS, settings.check),
    db: settings.db,
    inbox,
    groupId: settings.groupId,
    startAt: settings.startAt,
    maxAttempts: settings.maxAttempts,
    handlers,
    complete: async (applied, tx) => ({
      recorded: await applyFacts(
        applied.map((a) => a.fact),
        notificationsRepositories(tx),
        settings.available,
      ),
      applied,
    }),
    // Clients that miss this catch up with notifications(unreadOnly: true).
    afterCommit: settings.afterCommit,
    logger: settings.logger,
    metrics: settings.metrics,
  });
}
