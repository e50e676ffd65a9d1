/**
 * A source event of a live subscription with its cursor. The graphql-ws server (`websocket.ts`)
 * resolves `value` as the subscription's payload and puts `cursor` in the `next` message's
 * `extensions`, so the router can resume after it. Without a value it is the subscriber's position
 * at subscribe time: a `next` with the cursor only, no data.
 */
export class LiveEvent<T> {
  private constructor(
    readonly value: T | undefined,
    readonly cursor: string,
  ) {}

  static item<T>(value: T, cursor: string): LiveEvent<T> {
    return new LiveEvent(value, cursor);
  }

  static position<T>(cursor: string): LiveEvent<T> {
    return new LiveEvent<T>(undefined, cursor);
  }
}

/**
 * Where a subscription starts: after the cursors the subscriber holds, or now (then say where "now"
 * is, if asked). The router sends the cursors of the last few items it received rather than only
 * the last one: two notifications committed in the other order than their sequence are both
 * replayed from the oldest of them, and those it has are skipped.
 */
export interface ResumePoint {
  /** Cursors the subscriber received; empty to start now. */
  after: readonly string[];
  /** Send the position first, before any item (the router asks so it can resume a subscription that got nothing yet). */
  announcePosition: boolean;
}

/** What a resumable live field reads: the live channel, and the store behind it. */
export interface ResumableSource<T> {
  /** What is new from now on; resolves once subscribed, so nothing published later is missed. */
  live(): Promise<AsyncIterator<T>>;
  /** Up to `limit` stored items after `cursor`, oldest first. */
  after(cursor: string, limit: number): Promise<readonly T[]>;
  /** The oldest of `cursors`: the replay starts after it. */
  oldest(cursors: readonly string[]): string;
  /** The cursor of the newest stored item: resuming after it replays nothing that exists now. */
  position(): Promise<string>;
  cursorOf(item: T): string;
  /** The same item from the store and from the channel has the same id. */
  idOf(item: T): string;
}

const PAGE = 100;
const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * The live items of one subscriber, resumable without loss. It subscribes to the live channel
 * first, then reads the store after the resume cursor, page by page, oldest first, then passes on
 * the live items, skipping those the replay yielded already. Whatever is stored after the cursor
 * was either committed before the read (the replay has it) or is published after the subscription
 * started (the channel has it): no gap, and the id check leaves no duplicate.
 */
export async function resumableFeed<T>(source: ResumableSource<T>, resume: ResumePoint): Promise<AsyncIterableIterator<LiveEvent<T>>> {
  const resuming = resume.after.length > 0;
  // Checked before subscribing: a cursor the source cannot read refuses the subscription at once.
  let cursor = resuming ? source.oldest(resume.after) : undefined;
  const held = new Set(resume.after);
  const live = await source.live();
  const replayed = new Set<string>();
  let announce = resume.announcePosition && !resuming;
  let page: T[] = [];
  let done = false;

  const finish = async (): Promise<IteratorReturnResult<undefined>> => {
    if (!done) {
      done = true;
      await live.return?.();
    }
    return DONE;
  };
  const replayNext = async (): Promise<T | undefined> => {
    while (cursor !== undefined && page.length === 0) {
      page = [...(await source.after(cursor, PAGE))];
      const last = page.at(-1);
      cursor = last !== undefined && page.length === PAGE ? source.cursorOf(last) : undefined;
    }
    return page.shift();
  };

  const iterator: AsyncIterableIterator<LiveEvent<T>> = {
    next: async () => {
      if (done) return DONE;
      if (announce) {
        announce = false;
        const position = await source.position();
        return done ? DONE : { value: LiveEvent.position<T>(position), done: false };
      }
      for (let stored = await replayNext(); stored !== undefined; stored = await replayNext()) {
        if (done) return DONE;
        replayed.add(source.idOf(stored));
        const storedCursor = source.cursorOf(stored);
        if (!held.has(storedCursor)) return { value: LiveEvent.item(stored, storedCursor), done: false };
      }
      if (done) return DONE;
      for (;;) {
        const next = await live.next();
        if (next.done || done) return finish();
        const id = source.idOf(next.value);
        // Each item is published once, so a replayed one shows up here at most once more.
        if (replayed.delete(id)) continue;
        return { value: LiveEvent.item(next.value, source.cursorOf(next.value)), done: false };
      }
    },
    return: finish,
    throw: async (error: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
