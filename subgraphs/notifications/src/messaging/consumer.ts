import type { Logger } from '@sbor/core';
import type { Db } from '@sbor/db';
import { handleOnce, parseFact, type Bus, type Fact, type Subscription, type Topic } from '@sbor/messaging';
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
 * The same steps as `createFactConsumer` (validate, then apply once with the inbox in one
 * transaction), plus a hook after commit, which it lacks: a live notification must never be
 * published for a transaction that could still roll back.
 * A malformed fact throws MalformedFactError, which the bus dead-letters at once; any other
 * failure is retried by the bus and then dead-lettered with its error.
 */
export function startFactConsumer(settings: FactConsumerSettings): Promise<Subscription> {
  const { bus, db, groupId, logger } = settings;
  const topics = Object.keys(factEffects) as Topic[];
  return bus.subscribe({
    groupId,
    topics,
    startAt: settings.startAt,
    maxAttempts: settings.maxAttempts,
    handler: async (message) => {
      const topic = message.topic as Topic;
      const effect = factEffects[topic] as FactEffect<Topic> | undefined;
      if (!effect) return;
      const fact: Fact = parseFact(topic, message.value);
      let recorded: Recorded | undefined;
      await handleOnce(db, inbox, groupId, fact.id, async (tx) => {
        recorded = await recordNotifications(tx, await effect(fact, tx), settings.available);
      });
      if (!recorded) return;
      // The notifications are stored; a failure past this point must not redeliver the fact
      // (the inbox would skip it anyway). Clients catch up with notifications(unreadOnly: true).
      await settings.afterCommit(recorded).catch((err: unknown) => logger.warn({ err, factId: fact.id, topic }, 'after-commit step failed'));
    },
  });
}
