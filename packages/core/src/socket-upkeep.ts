/** What `SocketUpkeep` needs of a socket (a `ws` WebSocket). */
export interface UpkeptSocket {
  ping(): void;
  terminate(): void;
  on(event: 'pong', listener: (this: UpkeptSocket) => void): unknown;
}

interface Watched {
  /** When to close it (its token's `exp`, ms since the epoch); undefined for never. */
  expiresAt: number | undefined;
  /** Answered the last ping. */
  alive: boolean;
}

export interface SocketUpkeepOptions {
  /** A ping every this often; a socket that did not answer the previous one is terminated. */
  keepAliveMs: number;
  /** Called once when a socket's `expiresAt` has passed (close it with 4401). */
  onExpired: (socket: UpkeptSocket) => void;
  /** How often expiries are checked; a socket closes at most this late. */
  tickMs?: number;
}

/**
 * Keep-alive pings and token expiry for every open socket of a server, on one timer. graphql-ws's
 * own keep-alive and a `setTimeout` per token would give each of ten thousand idle sockets two
 * timers and their closures; here a socket costs one map entry.
 */
export class SocketUpkeep {
  private readonly sockets = new Map<UpkeptSocket, Watched>();
  private readonly timer: NodeJS.Timeout;
  private sincePing = 0;
  private readonly markAlive: (this: UpkeptSocket) => void;

  constructor(private readonly options: SocketUpkeepOptions) {
    const sockets = this.sockets;
    // One listener function for every socket, with the socket as `this`: no closure per socket.
    this.markAlive = function markAlive(this: UpkeptSocket) {
      const watched = sockets.get(this);
      if (watched) watched.alive = true;
    };
    const tickMs = options.tickMs ?? 1_000;
    this.timer = setInterval(() => this.tick(tickMs), tickMs);
    this.timer.unref();
  }

  watch(socket: UpkeptSocket, expiresAt?: number): void {
    this.sockets.set(socket, { expiresAt, alive: true });
    socket.on('pong', this.markAlive);
  }

  unwatch(socket: UpkeptSocket): void {
    this.sockets.delete(socket);
  }

  get size(): number {
    return this.sockets.size;
  }

  stop(): void {
    clearInterval(this.timer);
    this.sockets.clear();
  }

  private tick(tickMs: number): void {
    const now = Date.now();
    this.sincePing += tickMs;
    const ping = this.sincePing >= this.options.keepAliveMs;
    if (ping) this.sincePing = 0;
    for (const [socket, watched] of this.sockets) {
      if (watched.expiresAt !== undefined && watched.expiresAt <= now) {
        this.sockets.delete(socket);
        this.options.onExpired(socket);
      } else if (ping) {
        if (!watched.alive) {
          this.sockets.delete(socket);
          socket.terminate();
          continue;
        }
        watched.alive = false;
        socket.ping();
      }
    }
  }
}
