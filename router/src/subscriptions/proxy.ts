import type { GraphQLFormattedError } from 'graphql';
import { activeContext, AsyncQueue, carriedContext, carryContext, inSpan, SERVICE_ATTRIBUTE, type SendBudget } from '@sbor/core';
import type { RouterContext } from '../context.js';
import type { LiveResult, ResolveItem } from './items.js';
import type { LivePlan } from './plan.js';
import type { UpstreamConnection, UpstreamRequest, UpstreamSubscriber } from './upstream.js';

/** What a client socket keeps for its subscriptions. */
export interface LiveSocket {
  /** Who the socket speaks for; `authorization` is the verified `Bearer <token>`, undefined for an anonymous socket. */
  readonly context: RouterContext;
  /** Bytes queued for the client against WS_MAX_BUFFERED_BYTES. */
  readonly budget: SendBudget;
  /** Closes the client socket because it does not read what it is sent. */
  closeSlow(): void;
}

export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

interface Queued {
  result: LiveResult;
  bytes: number;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * One client subscription, served over the router's multiplexed upstream connection. The planner's
 * primary operation goes upstream with the subscriber's token; each item comes back once, whole:
 * - with nothing for other subgraphs to add (`relayAsIs`), it is relayed as it is, errors masked by
 *   the edge's formatter;
 * - otherwise its foreign fields are completed by the plan's entity fetches (`items.ts`), batched
 *   with those of every other subscriber receiving an item at the same moment.
 * Items wait in a queue counted against the client's send budget: one that stops reading is closed
 * with 4008. `return()` (the client completed, or its socket closed) ends the upstream subscription
 * at once with a `complete`. A class rather than closures: one of these lives per open
 * subscription, and methods cost nothing per instance.
 */
export class LiveSubscription implements AsyncIterableIterator<LiveResult>, UpstreamSubscriber {
  private readonly queue = new AsyncQueue<Queued>(() => this.stop());
  private upstreamId: string | undefined;
  /** Bytes queued here and counted in the socket's budget. */
  private pending = 0;

  constructor(
    private readonly socket: LiveSocket,
    private readonly plan: LivePlan,
    private readonly upstream: UpstreamConnection,
    /** Undefined when items go to the client as the subgraph sends them. */
    private readonly resolveItem: ResolveItem | undefined,
    private readonly variables: Record<string, unknown> | undefined,
    private readonly formatError: FormatError,
  ) {}

  /** Subscribes upstream; graphql-ws reads the items from here on. */
  start(): this {
    this.upstreamId = this.upstream.subscribe(this);
    return this;
  }

  /** What goes upstream, made again for each (re)subscribe rather than kept. */
  get request(): UpstreamRequest {
    const { primary } = this.plan;
    return {
      query: primary.operation,
      variables: variablesOf(primary.variableUsages, this.variables),
      operationName: primary.operationName,
      authorization: this.socket.context.authorization,
    };
  }

  onItem(result: LiveResult, bytes: number): void {
    const { budget } = this.socket;
    if (!budget.queue(bytes)) {
      budget.sent(bytes);
      this.socket.closeSlow();
      return;
    }
    this.pending += bytes;
    this.queue.push({ result, bytes });
  }

  onError(errors: readonly GraphQLFormattedError[]): void {
    this.queue.push({ result: { errors }, bytes: 0 });
    this.queue.end();
  }

  onComplete(): void {
    this.queue.end();
  }

  async next(): Promise<IteratorResult<LiveResult>> {
    const next = await this.queue.next();
    if (next.done) return DONE;
    const { result, bytes } = next.value;
    this.pending -= bytes;
    this.socket.budget.sent(bytes);
    // An item that came with a trace (tracing on) is completed and sent in it (`server.ts` onNext).
    const parent = carriedContext(result);
    if (!parent) return { value: await this.completed(result), done: false };
    const value = await inSpan('live item', { parent, attributes: { [SERVICE_ATTRIBUTE]: 'router' } }, async () => {
      const completed = await this.completed(result);
      carryContext(completed, activeContext());
      return completed;
    });
    return { value, done: false };
  }

  /** The item as the client gets it: errors masked, other subgraphs' fields filled in. */
  private async completed(result: LiveResult): Promise<LiveResult> {
    const item = this.formatted(result);
    return this.resolveItem ? this.resolveItem(item, this.socket.context, this.variables) : item;
  }

  async return(): Promise<IteratorResult<LiveResult>> {
    await this.queue.return();
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<LiveResult>> {
    await this.queue.return();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LiveResult> {
    return this;
  }

  /** The subgraph formatted its errors already; the edge still masks and strips them like HTTP. */
  private formatted(result: LiveResult): LiveResult {
    if (!result.errors?.length) return result;
    return { ...result, errors: result.errors.map((error) => this.formatError(error, error)) };
  }

  private stop(): void {
    if (this.upstreamId !== undefined) this.upstream.unsubscribe(this.upstreamId);
    this.socket.budget.sent(this.pending);
    this.pending = 0;
  }
}

/** The client's variables the primary operation uses; the rest belong to the entity fetches. */
function variablesOf(used: readonly string[] | undefined, variables: Record<string, unknown> | undefined) {
  if (!variables || !used?.length) return undefined;
  return Object.fromEntries(used.filter((name) => name in variables).map((name) => [name, variables[name]]));
}
