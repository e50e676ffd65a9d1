import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison, so the router secret cannot be guessed byte by byte from timings. */
export function secretsEqual(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || expected.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
