/** How many of a subscription's latest cursors it resumes with (see `ResumeCursors`). */
export const RESUME_OVERLAP = 16;

/**
 * The cursors of the last items one upstream subscription received, for resuming it after the
 * upstream connection dropped. Insertion sequences are given out when a row is inserted, not when
 * it commits, so two notifications of one user can commit (and arrive) in the other order. Resuming
 * after the last cursor alone would then lose one still uncommitted when the connection dropped;
 * the subgraph instead replays from the oldest of these and skips these themselves. Cursors stay
 * opaque here: only the subgraph reads them.
 */
export class ResumeCursors {
  private readonly recent: string[] = [];

  /**
   * Records the cursor of an item received, or of the position sent before any item (what the
   * subscription resumes after when it got nothing yet).
   */
  record(cursor: string): void {
    if (this.recent.includes(cursor)) return;
    this.recent.push(cursor);
    if (this.recent.length > RESUME_OVERLAP) this.recent.shift();
  }

  /** What `extensions.resumeAfter` carries on a re-subscribe; undefined before anything was received. */
  resumeAfter(): string[] | undefined {
    return this.recent.length > 0 ? [...this.recent] : undefined;
  }
}
