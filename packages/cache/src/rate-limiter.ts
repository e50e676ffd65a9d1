import type { Cache } from './cache.js';

export interface RateLimitRule {
  /** Names the counter family, e.g. `login:email`. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed-window counters. When the cache itself fails the limiter lets the request through:
 * an outage of Redis must not lock every user out of signing in.
 */
export async function checkRateLimit(
  cache: Cache,
  rule: RateLimitRule,
  subject: string,
  onCacheError: (error: unknown) => void = () => {},
): Promise<RateLimitResult> {
  try {
    const { count, ttlSeconds } = await cache.hit(`ratelimit:${rule.name}:${subject}`, rule.windowSeconds);
    return count <= rule.limit ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, ttlSeconds) };
  } catch (error) {
    onCacheError(error);
    return { allowed: true };
  }
}
