/**
 * What services need from Redis: a small key-value cache with TTLs, counters for rate limits,
 * and pub/sub for live fan-out. Redis in full mode, in-process in embedded mode.
 * Callers treat the cache as optional: a failing cache must never fail the request.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  del(...keys: string[]): Promise<void>;
  /** Increments a counter that expires `windowSeconds` after its first hit; returns the count and seconds left. */
  hit(key: string, windowSeconds: number): Promise<{ count: number; ttlSeconds: number }>;
  publish(channel: string, message: string): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
