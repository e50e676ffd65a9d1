import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CloseCodes } from '@sbor/auth';
import { SendBudget, type Logger, type Viewer } from '@sbor/core';
import type { RouterContext } from '../context.js';
import type { LiveSocket } from './proxy.js';

/**
 * A client socket's live state: who it speaks for (as the gateway's data sources and plugins read
 * a request's context), its send budget, and how it is cut off when it stops reading. One lives
 * as long as its socket, so it is one object, and what is rarely needed (a request id, a logger
 * with the socket's bindings, the access-log slot of an operation sent over it) is made on first
 * use: ten thousand idle sockets should not hold ten thousand child loggers.
 */
export class ClientSocket extends SendBudget implements RouterContext, LiveSocket {
  private id: string | undefined;
  private childLogger: Logger | undefined;
  private log: RouterContext['accessLog'] | undefined;

  constructor(
    private readonly ws: WebSocket,
    /** Null for a socket opened without a token: it may watch public fields only. */
    readonly viewer: Viewer | null,
    readonly authorization: string | undefined,
    readonly clientIp: string | undefined,
    private readonly baseLogger: Logger,
    maxBufferedBytes: number,
  ) {
    super(ws, maxBufferedBytes);
  }

  get context(): this {
    return this;
  }

  get budget(): this {
    return this;
  }

  /** A UUID is a tree of a dozen concatenated strings until something flattens it: half a KiB per idle socket. */
  get requestId(): string {
    return (this.id ??= randomUUID());
  }

  get logger(): Logger {
    return (this.childLogger ??= this.baseLogger.child({ requestId: this.requestId, userId: this.viewer?.userId, transport: 'ws' }));
  }

  get accessLog(): RouterContext['accessLog'] {
    return (this.log ??= {});
  }

  closeSlow(): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.logger.info('websocket closed: the client does not read what it is sent');
    this.ws.close(CloseCodes.slowConsumer, 'Too slow: the client did not read its messages');
  }
}
