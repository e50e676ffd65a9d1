import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { AppError, AsyncQueue, carriedContext, ErrorCode, inSpan, LiveExtensions, traceHeaders, type SendBudget } from '@sbor/core';
import { LiveEvent } from './live-feed.js';

export interface LiveStreamOptions {
  /** When the subscriber's token expires (ms since the epoch): the stream ends with UNAUTHENTICATED then. */
  expiresAt?: number | undefined;
  /** The socket's send budget; undefined for the router's multiplexed socket, which is exempt. */
  budget?: SendBudget | undefined;
  /** Called once when a result would put the socket past its budget; the stream stops there. */
  onOverflow?: () => void;
}

interface Queued {
  result: ExecutionResult;
  bytes: number;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });
/** setTimeout's ceiling; access tokens live 15 minutes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * graphql-ws's `subscribe` for the subgraphs: graphql-js's own mapping of source events to results
 * (`execute` with the event as root value), plus what live delivery needs:
 * - a `LiveEvent` puts its cursor in the result's `extensions`, and a position alone is sent as a
 *   result with only that extension;
 * - the source is read as it produces, into a queue counted against the socket's send budget, so a
 *   client that stops reading is cut off (`onOverflow`) instead of being buffered for without end;
 * - a subscription on the router's multiplexed socket ends with UNAUTHENTICATED when its
 *   subscriber's token expires, as a socket of that user would close with 4401;
 * - a subscription whose field refused it (NOT_FOUND, UNAUTHENTICATED, a cursor it cannot read)
 *   ends with graphql-ws's `error` message, not a `next` holding errors and a `complete`, so the
 *   client hears a refusal rather than a stream that ended.
 */
export async function subscribeLive(
  args: ExecutionArgs,
  options: LiveStreamOptions = {},
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return refusal(source as ExecutionResult);
  const events = source[Symbol.asyncIterator]();
  const { budget } = options;
  let queuedBytes = 0;
  let expiry: NodeJS.Timeout | undefined;
  const queue = new AsyncQueue<Queued>(async () => {
    clearTimeout(expiry);
    budget?.sent(queuedBytes);
    queuedBytes = 0;
    await events.return?.();
  });

  if (options.expiresAt !== undefined) {
    expiry = setTimeout(
      () => {
        queue.push({ result: { errors: [expired()] }, bytes: 0 });
        queue.end();
        void events.return?.();
      },
      Math.min(Math.max(0, options.expiresAt - Date.now()), MAX_TIMER_MS),
    );
    expiry.unref();
  }

  void (async () => {
    try {
      for (;;) {
        const next = await events.next();
        if (next.done || queue.closed) break;
        const result = await resultOf(args, next.value);
        if (queue.closed) break;
        const bytes = budget ? JSON.stringify(result).length : 0;
        if (budget && !budget.queue(bytes)) {
          budget.sent(bytes);
          options.onOverflow?.();
          break;
        }
        queuedBytes += bytes;
        queue.push({ result, bytes });
      }
      queue.end();
    } catch (error) {
      queue.fail(error);
    }
  })();

  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next: async () => {
      const next = await queue.next();
      if (next.done) return DONE;
      queuedBytes -= next.value.bytes;
      budget?.sent(next.value.bytes);
      return { value: next.value.result, done: false };
    },
    return: async () => {
      await queue.return();
      return DONE;
    },
    throw: async (error: unknown) => {
      await queue.return();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * graphql-ws sends a result that is not a stream as `next` then `complete`; one that fails on its
 * first read becomes an `error` message carrying that error (its code kept by the formatter).
 */
function refusal(result: ExecutionResult): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
  const [error] = result.errors ?? [];
  if (!error) return result;
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next: () => Promise.reject(error),
    return: async () => DONE,
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

async function resultOf(args: ExecutionArgs, event: unknown): Promise<ExecutionResult> {
  if (!(event instanceof LiveEvent)) return execute({ ...args, rootValue: event });
  const extensions = { [LiveExtensions.cursor]: event.cursor };
  if (event.value === undefined) return { extensions };
  const value: unknown = event.value;
  const item = async () => {
    const result = await execute({ ...args, rootValue: value });
    const trace = traceHeaders();
    return { ...result, extensions: { ...result.extensions, ...extensions, ...(trace ? { [LiveExtensions.trace]: trace } : {}) } };
  };
  // An item that came with a trace (tracing on) is sent on in it, its context in the extensions.
  const parent = typeof value === 'object' && value !== null ? carriedContext(value) : undefined;
  return parent ? inSpan('live item', { parent }, item) : item();
}

const expired = () =>
  new AppError(ErrorCode.UNAUTHENTICATED, 'The access token of this subscription has expired. Subscribe again with a fresh one.', {
    reason: 'TOKEN_EXPIRED',
  });
