import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison, so the router secret cannot be guessed byte by byte from timings. */
export function secretsEqual(given: unknown, expected: string): boolean {
  return secretMatcher(expected)(given);
}

/**
 * `secretsEqual` against one fixed secret, its digest taken once: a check that runs on every
 * request (the router secret on each subgraph call) hashes only what it was given.
 */
export function secretMatcher(expected: string): (given: unknown) => boolean {
  const digest = createHash('sha256').update(expected).digest();
  return (given) =>
    typeof given === 'string' && expected.length > 0 && timingSafeEqual(createHash('sha256').update(given).digest(), digest);
}
