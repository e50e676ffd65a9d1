/**
 * Retry-then-dead-letter, shared by both bus implementations so they cannot drift apart.
 * Internal to the package: services see only the `Bus` semantics.
 */
import type { Logger } from '@sbor/core';
import {
  DeadLetterHeaders,
  PermanentMessageError,
  type IncomingMessage,
  type MessageHandler,
  type OutgoingMessage,
  type RetryPolicy,
} from './bus.js';
import { deadLetterTopic } from './topics.js';
import { inProcessSpan } from './tracing.js';

export type DeliveryOutcome = { ok: true } | { ok: false; error: unknown; attempts: number };

export interface DeliveryOptions {
  maxAttempts: number;
  retry: RetryPolicy;
  /** Called between attempts, so a long retry does not cost a Kafka consumer its group membership. */
  beforeRetry?: () => Promise<void>;
  /** Called once the message is parked in its dead-letter topic. */
  onDeadLettered?: (message: IncomingMessage) => void;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function retryDelay(failedAttempts: number, policy: RetryPolicy): number {
  return Math.min(policy.initialDelayMs * 2 ** (failedAttempts - 1), policy.maxDelayMs);
}

/** Runs the handler until it resolves, it throws a permanent error, or the attempts run out. */
export async function deliverWithRetries(
  message: IncomingMessage,
  handler: MessageHandler,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await handler(message);
      return { ok: true };
    } catch (error) {
      if (error instanceof PermanentMessageError || attempt >= options.maxAttempts) {
        return { ok: false, error, attempts: attempt };
      }
      await sleep(retryDelay(attempt, options.retry));
      await options.beforeRetry?.();
    }
  }
}

/** The message to park in the dead-letter topic: same key and value, the failure in headers. */
export function deadLetterFor(message: IncomingMessage, groupId: string, error: unknown, attempts: number): OutgoingMessage {
  const err = error instanceof Error ? error : new Error(String(error));
  return {
    topic: deadLetterTopic(message.topic),
    key: message.key ?? '',
    value: message.value,
    headers: {
      ...message.headers,
      [DeadLetterHeaders.error]: err.message,
      [DeadLetterHeaders.errorName]: err.name,
      [DeadLetterHeaders.attempts]: String(attempts),
      [DeadLetterHeaders.groupId]: groupId,
      [DeadLetterHeaders.originalTopic]: message.topic,
      [DeadLetterHeaders.originalPartition]: String(message.partition),
      [DeadLetterHeaders.originalOffset]: message.offset,
      [DeadLetterHeaders.failedAt]: new Date().toISOString(),
    },
  };
}

export const isDeadLetterTopic = (topic: string) => topic.endsWith('.dlq');

/**
 * Delivers one message and, when it keeps failing, parks it. Resolves when the group may move
 * past the message (with the outcome, for callers that keep their own record); rejects (so the
 * position is not committed) only if parking it failed.
 */
export async function deliverOrDeadLetter(args: {
  message: IncomingMessage;
  groupId: string;
  handler: MessageHandler;
  options: DeliveryOptions;
  publish: (messages: OutgoingMessage[]) => Promise<void>;
  logger: Logger;
}): Promise<DeliveryOutcome> {
  const { message, groupId, logger } = args;
  const outcome = await inProcessSpan(message, groupId, () => deliverWithRetries(message, args.handler, args.options));
  if (outcome.ok) return outcome;
  const where = { groupId, topic: message.topic, partition: message.partition, offset: message.offset };
  if (isDeadLetterTopic(message.topic)) {
    // There is no dead-letter topic for a dead-letter topic. The message stays in its topic, so
    // it is not lost; this group skips it, loudly.
    logger.error({ ...where, err: outcome.error, attempts: outcome.attempts }, 'dead-letter handler failed; skipping');
    return outcome;
  }
  await args.publish([deadLetterFor(message, groupId, outcome.error, outcome.attempts)]);
  args.options.onDeadLettered?.(message);
  logger.warn({ ...where, err: outcome.error, attempts: outcome.attempts }, 'message dead-lettered');
  return outcome;
}
