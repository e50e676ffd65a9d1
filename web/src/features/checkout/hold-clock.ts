/**
 * The arithmetic of a hold's countdown: what is left, how it reads, and when to say it aloud. A
 * screen reader hears the time at a few moments that matter, not every second.
 */

/** Moments, in seconds left, at which the countdown is announced (once each, as it passes them). */
export const ANNOUNCE_AT_SECONDS = [600, 300, 120, 60, 30, 10] as const;

/** Holds longer than this (an offline payment's, days) show their end time rather than a ticking clock. */
export const LONG_HOLD_MS = 60 * 60_000;

export function remainingMs(expiresAt: string, now: number): number {
  return Math.max(0, Date.parse(expiresAt) - now);
}

/** "9:05", or "1:02:03" past an hour; whole seconds, rounded up so 0:00 means it has ended. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * The announcement moment passed between two readings of the clock, if any: the smallest one in
 * `(current, previous]`, or 0 when the hold has just ended.
 */
export function announcementDue(previousMs: number, currentMs: number): number | undefined {
  if (currentMs >= previousMs) return undefined;
  if (currentMs === 0) return 0;
  const previous = Math.ceil(previousMs / 1000);
  const current = Math.ceil(currentMs / 1000);
  const passed = ANNOUNCE_AT_SECONDS.filter((at) => at < previous && at >= current);
  return passed.length > 0 ? Math.min(...passed) : undefined;
}
