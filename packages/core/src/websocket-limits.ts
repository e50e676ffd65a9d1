import { z } from 'zod';
import { env } from './config.js';

/**
 * The limits every graphql-ws endpoint applies, the router's and the subgraphs' alike (DESIGN.md,
 * "Live notifications"): a socket costs memory for as long as it is open, so each is bounded.
 */
export interface WebSocketLimits {
  /** Largest frame accepted; `ws` refuses a bigger one from its header, before reading or parsing it (close 1009). */
  maxPayloadBytes: number;
  /** A socket that sends no `connection_init` within this is closed (graphql-ws, 4408). */
  initTimeoutMs: number;
  /** Open sockets per signed-in user (close 4029). */
  maxSocketsPerUser: number;
  /** Open sockets per client address (close 4029). */
  maxSocketsPerIp: number;
  /** Subscriptions at once on one socket; one more is refused with RATE_LIMITED. */
  maxSubscriptionsPerSocket: number;
  /** Bytes sent but not yet read by the client, plus those still queued for it; past this the socket is closed (4008). */
  maxBufferedBytes: number;
}

const atLeastOne = (fallback: number) => env.int(fallback).pipe(z.number().min(1, 'must be at least 1'));

/** The variables behind `WebSocketLimits` except the frame size, which follows the HTTP body limit. */
export const webSocketVariables = {
  WS_INIT_TIMEOUT_MS: atLeastOne(5_000).describe('A graphql-ws socket that sends no `connection_init` within this is closed with 4408.'),
  WS_MAX_SOCKETS_PER_USER: atLeastOne(16).describe('Open graphql-ws sockets one user may hold; one more is closed with 4029.'),
  WS_MAX_SOCKETS_PER_IP: atLeastOne(1_024).describe(
    'Open graphql-ws sockets from one client address; one more is closed with 4029 before `connection_init` is read.',
  ),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: atLeastOne(32).describe(
    "Subscriptions at once on one graphql-ws socket; one more is refused with `RATE_LIMITED` (the router's multiplexed connection to a subgraph is exempt).",
  ),
  WS_MAX_BUFFERED_BYTES: atLeastOne(1 << 20).describe(
    "Bytes a graphql-ws client has not read yet, plus those queued for it; past this it is closed with 4008 instead of buffered without end (the router's multiplexed connection to a subgraph is exempt).",
  ),
};

type WebSocketValues = { [K in keyof typeof webSocketVariables]: number };

export function webSocketLimits(values: WebSocketValues, maxPayloadBytes: number): WebSocketLimits {
  return {
    maxPayloadBytes,
    initTimeoutMs: values.WS_INIT_TIMEOUT_MS,
    maxSocketsPerUser: values.WS_MAX_SOCKETS_PER_USER,
    maxSocketsPerIp: values.WS_MAX_SOCKETS_PER_IP,
    maxSubscriptionsPerSocket: values.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
    maxBufferedBytes: values.WS_MAX_BUFFERED_BYTES,
  };
}

/** The defaults, for servers started without configuration (tests, tools). */
export const DEFAULT_WEBSOCKET_LIMITS: WebSocketLimits = webSocketLimits(
  z.object(webSocketVariables).parse({}) as WebSocketValues,
  1 << 20,
);

/** body-parser's size syntax (`100kb`, `1mb`, or plain bytes) in bytes, so a frame limit can match a body limit. */
export function sizeInBytes(size: string): number {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(size.trim());
  if (!match) throw new TypeError(`"${size}" is not a size such as 100kb or 1mb`);
  const unit = (match[2] ?? 'b').toLowerCase();
  return Number(match[1]) * (unit === 'mb' ? 1 << 20 : unit === 'kb' ? 1 << 10 : 1);
}

/**
 * Open sockets per key (a user id, a client address), refused past a cap. Keys at zero are
 * dropped, so the map holds only keys with an open socket.
 */
export class SocketCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts one more socket for `key`; false, counting nothing, when the key is at its cap. */
  tryOpen(key: string): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= this.max) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  close(key: string): void {
    const count = this.counts.get(key) ?? 0;
    if (count <= 1) this.counts.delete(key);
    else this.counts.set(key, count - 1);
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/**
 * What one client socket owes: bytes queued for it that graphql-ws has not handed to the socket
 * yet. graphql-ws sends one message of a subscription at a time and waits until the socket wrote
 * it, so a client that stops reading leaves the rest in these queues, not in `bufferedAmount`:
 * both are counted against `maxBufferedBytes`.
 */
export class SendBudget {
  private pending = 0;

  constructor(
    private readonly socket: { readonly bufferedAmount: number },
    private readonly maxBytes: number,
  ) {}

  /** Counts `bytes` more queued; false when that puts the client past its limit. */
  queue(bytes: number): boolean {
    this.pending += bytes;
    return this.socket.bufferedAmount + this.pending <= this.maxBytes;
  }

  sent(bytes: number): void {
    this.pending = Math.max(0, this.pending - bytes);
  }

  /** Whether the socket's own send buffer alone is past the limit. */
  overflowing(): boolean {
    return this.socket.bufferedAmount > this.maxBytes;
  }
}
