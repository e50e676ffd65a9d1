import type { GraphQLFormattedError } from 'graphql';
// Not Node's built-in WebSocket (undici): `ws` costs less memory per socket and lets us ping.
import WebSocket from 'ws';
import { CloseCodes, MULTIPLEXED_PARAM } from '@sbor/auth';
import { carryContext, contextFromHeaders, HeaderNames, LiveExtensions, type Logger } from '@sbor/core';
import type { LiveResult } from './items.js';
import { ResumeCursors } from './resume.js';

/** The subgraph's graphql-ws endpoint: same host, port and path as its HTTP one. */
export function webSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export interface UpstreamRequest {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | undefined;
  /** The subscriber's `Bearer <token>`: the subgraph verifies it for this subscription. None for an anonymous one. */
  authorization: string | undefined;
}

/** One subscription on the connection: what it subscribes with, and where its messages go. */
export interface UpstreamSubscriber {
  /** Read at each (re)subscribe. */
  readonly request: UpstreamRequest;
  /** An item, its `extensions` removed; `bytes` is the size of the message it came in. */
  onItem(result: LiveResult, bytes: number): void;
  /** The subgraph refused or ended the subscription with errors. */
  onError(errors: readonly GraphQLFormattedError[]): void;
  onComplete(): void;
}

export interface UpstreamOptions {
  name: string;
  url: string;
  routerSecret: string | undefined;
  logger: Logger;
  /** Backoff between reconnects, doubled per failed attempt: [first, ceiling] in ms. */
  backoffMs?: [number, number];
  /** A ping without a pong for this long ends the connection (then it reconnects). */
  keepAliveMs?: number;
}

interface Subscription {
  subscriber: UpstreamSubscriber;
  cursors: ResumeCursors;
}

type Message = { type: string; id?: string; payload?: unknown };

/**
 * The router's one graphql-transport-ws connection to a subgraph, shared by every subscription of
 * every client socket (DESIGN.md, "Live notifications"). It authenticates in `connection_init`
 * with the router secret alone and `multiplexed: true`; each subscribe message carries its
 * subscriber's token in `extensions.authorization`, which the subgraph verifies as it would a
 * socket's. Opened on the first subscription. When it drops, it reconnects with backoff and
 * subscribes every open subscription again with `extensions.resumeAfter` (the cursors of what it
 * last received, or the position the subgraph announced first), so the subgraph replays the gap
 * from its store before going live: nothing lost, nothing twice.
 */
export class UpstreamConnection {
  private readonly subscriptions = new Map<string, Subscription>();
  private socket: WebSocket | undefined;
  private acknowledged = false;
  private nextId = 0;
  private attempt = 0;
  private reconnect: NodeJS.Timeout | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: UpstreamOptions) {}

  /** Open subscriptions on this connection. */
  get size(): number {
    return this.subscriptions.size;
  }

  /** Starts a subscription; answers its id, for `unsubscribe`. */
  subscribe(subscriber: UpstreamSubscriber): string {
    const id = String(++this.nextId);
    this.subscriptions.set(id, { subscriber, cursors: new ResumeCursors() });
    if (this.acknowledged) this.sendSubscribe(id);
    else if (!this.socket && !this.reconnect) this.connect();
    return id;
  }

  /** Ends a subscription: a `complete` upstream at once. */
  unsubscribe(id: string): void {
    if (!this.subscriptions.delete(id)) return;
    if (this.acknowledged) this.send({ id, type: 'complete' });
  }

  /** Ends the connection for good (the router stops); subscriptions are not told. */
  close(): void {
    this.closed = true;
    clearTimeout(this.reconnect);
    clearInterval(this.keepAlive);
    this.subscriptions.clear();
    this.socket?.close(1001, 'The router is shutting down.');
  }

  private connect(): void {
    this.reconnect = undefined;
    const socket = new WebSocket(webSocketUrl(this.options.url), 'graphql-transport-ws');
    this.socket = socket;
    socket.on('open', () =>
      this.send({
        type: 'connection_init',
        payload: { [HeaderNames.routerSecret]: this.options.routerSecret ?? '', [MULTIPLEXED_PARAM]: true },
      }),
    );
    // A subgraph that takes the connection but never acknowledges it is as good as down.
    const handshake = setTimeout(() => {
      if (this.socket === socket && !this.acknowledged) socket.terminate();
    }, this.options.keepAliveMs ?? 15_000);
    handshake.unref();
    socket.on('message', (data: WebSocket.RawData) => this.receive(String(data)));
    socket.on('pong', () => ((socket as { alive?: boolean }).alive = true));
    socket.on('error', (error) => this.options.logger.warn({ subgraph: this.options.name, err: error }, 'upstream websocket error'));
    socket.on('close', (code: number, reason: Buffer) => {
      clearTimeout(handshake);
      this.closedBy(socket, code, String(reason));
    });
  }

  private receive(text: string): void {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      this.options.logger.warn({ subgraph: this.options.name }, 'upstream sent a message that is not JSON');
      return;
    }
    if (message.type === 'connection_ack') return this.acknowledge();
    if (message.type === 'ping') return this.send({ type: 'pong' });
    const subscription = message.id === undefined ? undefined : this.subscriptions.get(message.id);
    if (!subscription) return;
    if (message.type === 'next')
      return this.deliver(subscription, message.payload as LiveResult & { extensions?: Record<string, unknown> }, text.length);
    if (message.type === 'error' || message.type === 'complete') {
      this.subscriptions.delete(message.id!);
      if (message.type === 'error') subscription.subscriber.onError(message.payload as GraphQLFormattedError[]);
      else subscription.subscriber.onComplete();
    }
  }

  private acknowledge(): void {
    this.acknowledged = true;
    if (this.attempt > 0) {
      this.options.logger.info(
        { subgraph: this.options.name, subscriptions: this.subscriptions.size },
        'upstream websocket reconnected; resuming',
      );
    }
    this.attempt = 0;
    this.startKeepAlive();
    for (const id of this.subscriptions.keys()) this.sendSubscribe(id);
  }

  private deliver(subscription: Subscription, payload: LiveResult & { extensions?: Record<string, unknown> }, bytes: number): void {
    const { extensions, ...result } = payload;
    const cursor = extensions?.[LiveExtensions.cursor];
    if (typeof cursor === 'string') subscription.cursors.record(cursor);
    // A cursor alone is the position at subscribe time: for resuming, not for the client.
    if (result.data === undefined && result.errors === undefined) return;
    const trace = extensions?.[LiveExtensions.trace];
    if (trace && typeof trace === 'object') carryContext(result, contextFromHeaders(trace as Record<string, unknown>));
    subscription.subscriber.onItem(result, bytes);
  }

  private sendSubscribe(id: string): void {
    const { subscriber, cursors } = this.subscriptions.get(id)!;
    const request = subscriber.request;
    const resumeAfter = cursors.resumeAfter();
    this.send({
      id,
      type: 'subscribe',
      payload: {
        query: request.query,
        variables: request.variables,
        operationName: request.operationName,
        extensions: {
          // Left out (JSON drops undefined) for an anonymous subscriber: public fields serve it.
          [LiveExtensions.authorization]: request.authorization,
          ...(resumeAfter ? { [LiveExtensions.resumeAfter]: resumeAfter } : {}),
        },
      },
    });
  }

  private send(message: Message): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** A ws ping every `keepAliveMs`; no pong by the next one means the subgraph is gone without a word. */
  private startKeepAlive(): void {
    clearInterval(this.keepAlive);
    const socket = this.socket as (WebSocket & { alive?: boolean }) | undefined;
    if (!socket) return;
    socket.alive = true;
    this.keepAlive = setInterval(() => {
      if (!socket.alive) return socket.terminate();
      socket.alive = false;
      socket.ping();
    }, this.options.keepAliveMs ?? 15_000);
    this.keepAlive.unref();
  }

  private closedBy(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.acknowledged = false;
    clearInterval(this.keepAlive);
    if (this.closed || this.subscriptions.size === 0) return;
    const [first, ceiling] = this.options.backoffMs ?? [250, 5_000];
    // Jittered, so the routers of a deployment do not all come back in the same millisecond.
    const delay = Math.min(first * 2 ** this.attempt, ceiling) * (0.5 + Math.random() / 2);
    this.attempt += 1;
    const level = code === CloseCodes.forbidden ? 'error' : 'warn';
    this.options.logger[level](
      { subgraph: this.options.name, code, reason, subscriptions: this.subscriptions.size, retryInMs: Math.round(delay) },
      code === CloseCodes.forbidden ? 'the subgraph refused the router secret; retrying' : 'upstream websocket closed; reconnecting',
    );
    this.reconnect = setTimeout(() => this.connect(), delay);
  }
}
