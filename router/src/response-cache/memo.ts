/** One ready answer: the exact bytes Apollo Server would write for it, and when it stops being fresh. */
export interface MemoEntry {
  /** The serialized response body, `{"data":…}` and a newline as Apollo Server writes it. */
  body: string;
  /** ms since the epoch, the same instant as the shared cache entry's. */
  expiresAt: number;
  /** The resolved operation's name, for the access log. */
  operationName: string | undefined;
}

/**
 * This process's copy of the answers the shared cache holds for the current generation, so a
 * repeat read is answered without a round trip to the cache, JSON work or Apollo Server's pipeline.
 */
export interface ResponseMemo {
  /** The fresh entry under `key`, if `generation` is still the memo's and the entry has not expired. */
  lookup(generation: string, key: string, now: number): MemoEntry | undefined;
  /** Keeps `entry`; an entry of a generation the memo has moved past is dropped (it was read before a change). */
  remember(generation: string, key: string, entry: MemoEntry): void;
  size(): number;
}

export interface MemoLimits {
  /** Entries kept at most; past it the oldest go first. */
  maxEntries: number;
  /** Characters of bodies kept at most, so a few huge listings cannot hold memory either. */
  maxChars: number;
}

/** A few thousand documents: far more than the public reads any client sends, few enough to stay small. */
export const DEFAULT_MEMO_LIMITS: MemoLimits = { maxEntries: 2_000, maxChars: 32 * 1024 * 1024 };

/**
 * `currentGeneration` is the store's local view: only answers of the generation in force are
 * kept, and when it changes every older answer is dropped at once (they are unreachable anyway).
 */
export function createResponseMemo(
  currentGeneration: () => string | undefined,
  { maxEntries, maxChars }: MemoLimits = DEFAULT_MEMO_LIMITS,
): ResponseMemo {
  // A Map iterates in insertion order, so its first key is the oldest entry.
  const entries = new Map<string, MemoEntry>();
  let generation: string | undefined;
  let chars = 0;

  const forget = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    chars -= entry.body.length;
  };
  const adopt = (next: string) => {
    if (generation === next) return;
    entries.clear();
    chars = 0;
    generation = next;
  };

  return {
    lookup(current, key, now) {
      if (current !== generation) {
        adopt(current);
        return undefined;
      }
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now) {
        forget(key);
        return undefined;
      }
      return entry;
    },
    remember(entryGeneration, key, entry) {
      if (entryGeneration !== currentGeneration() || entry.body.length > maxChars) return;
      adopt(entryGeneration);
      forget(key);
      entries.set(key, entry);
      chars += entry.body.length;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && chars <= maxChars) break;
        forget(oldest);
      }
    },
    size: () => entries.size,
  };
}
