/**
 * The bus's hops in a trace. A message carries the W3C trace context in its headers (the outbox
 * relay puts its own span there, see `relayBatch`); a send is a child of it, and so is the
 * consumer's handling, whichever bus carried the message. With tracing off each helper is one
 * flag check.
 */
import {
  activeContext,
  contextFromHeaders,
  endSpan,
  failActiveSpan,
  inSpan,
  insideTrace,
  labelActiveSpan,
  linkTo,
  SERVICE_ATTRIBUTE,
  SpanKind,
  spanHeaders,
  startSpan,
  tracingOn,
} from '@sbor/core';
import type { BatchHandler, Bus, IncomingMessage, OutgoingMessage } from './bus.js';
import type { DeliveryOutcome } from './delivery.js';

const TRACEPARENT = 'traceparent';

/**
 * Sends `messages` through `send`, each in a `send <topic>` span whose context replaces the one in
 * its headers: the consumer's span becomes the send's child. A message from no trace (no header,
 * no active span) gets no span.
 */
export async function withSendSpans(
  system: string,
  messages: readonly OutgoingMessage[],
  send: (messages: readonly OutgoingMessage[]) => Promise<void>,
): Promise<void> {
  if (!tracingOn()) return send(messages);
  const spans = messages.map((message) => {
    const parent = message.headers?.[TRACEPARENT] ? contextFromHeaders(message.headers) : insideTrace() ? activeContext() : undefined;
    if (!parent) return undefined;
    return startSpan(`send ${message.topic}`, {
      kind: SpanKind.PRODUCER,
      parent,
      attributes: {
        'messaging.system': system,
        'messaging.operation.type': 'send',
        'messaging.destination.name': message.topic,
        'messaging.kafka.message.key': message.key,
      },
    });
  });
  const traced = messages.map((message, i) =>
    spans[i] ? { ...message, headers: { ...message.headers, ...spanHeaders(spans[i]) } } : message,
  );
  try {
    await send(traced);
  } catch (error) {
    for (const span of spans) endSpan(span, error);
    throw error;
  }
  for (const span of spans) endSpan(span);
}

/**
 * Handles one message in a `process <topic>` span, the child of the context its headers carry
 * (the purchase's trace, for a fact written by a purchase). Retries happen inside it; a message
 * that failed for good marks it failed.
 */
export function inProcessSpan(message: IncomingMessage, groupId: string, handle: () => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
  if (!tracingOn()) return handle();
  const options = { kind: SpanKind.CONSUMER, parent: contextFromHeaders(message.headers), attributes: processAttributes(message, groupId) };
  return inSpan(`process ${message.topic}`, options, async () => {
    const outcome = await handle();
    if (!outcome.ok) failActiveSpan(outcome.error);
    return outcome;
  });
}

/**
 * A batch handled in one transaction is one span: the child of its first traced message, linked to
 * every message's trace, so each purchase in the batch finds the work done for it.
 */
export function tracedBatchHandler(groupId: string, handler: BatchHandler): BatchHandler {
  if (!tracingOn()) return handler;
  return (messages) => {
    const contexts = messages.map((message) => contextFromHeaders(message.headers));
    const parent = contexts.find((ctx) => linkTo(ctx) !== undefined);
    return inSpan(
      `process ${messages[0]?.topic ?? 'batch'}`,
      {
        kind: SpanKind.CONSUMER,
        parent,
        links: contexts.map(linkTo).filter((link) => link !== undefined),
        attributes: { ...(messages[0] ? processAttributes(messages[0], groupId) : {}), 'messaging.batch.message_count': messages.length },
      },
      () => handler(messages),
    );
  };
}

function processAttributes(message: IncomingMessage, groupId: string) {
  return {
    'messaging.operation.type': 'process',
    'messaging.destination.name': message.topic,
    'messaging.destination.partition.id': String(message.partition),
    'messaging.consumer.group.name': groupId,
  };
}

/**
 * The bus as one service sees it: with tracing on, each message its subscriptions handle is
 * labelled with the service (`sbor.service`), as its HTTP requests are, and so is the work done
 * for it. One process may run every service on one bus.
 */
export function consumedBy(bus: Bus, service: string): Bus {
  if (!tracingOn()) return bus;
  const labelled =
    <A extends unknown[]>(handle: (...args: A) => Promise<void>) =>
    (...args: A) => {
      labelActiveSpan(SERVICE_ATTRIBUTE, service);
      return handle(...args);
    };
  return {
    publish: (messages) => bus.publish(messages),
    close: () => bus.close(),
    ...(bus.lag ? { lag: (groupId: string) => bus.lag!(groupId) } : {}),
    subscribe: (options) =>
      bus.subscribe({
        ...options,
        handler: labelled(options.handler),
        batchHandler: options.batchHandler && labelled(options.batchHandler),
      }),
  };
}
