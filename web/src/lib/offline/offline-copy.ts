/**
 * The last answer a person saw, kept in localStorage so a page still shows it without a network
 * (their tickets at a door with no signal). One copy per kind and user, so a shared browser never
 * shows one person's tickets to another; signing out deletes them all (`clearOfflineCopies`).
 */

const PREFIX = 'sbor.offline.';

export interface OfflineCopy<T> {
  /** When the answer was received, ms since the epoch. */
  savedAt: number;
  value: T;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const keyOf = (kind: string, userId: string) => `${PREFIX}${kind}.${userId}`;

function browserStorage(): StorageLike | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage disabled
  }
}

export function saveOfflineCopy<T>(kind: string, userId: string, value: T, now = Date.now(), storage = browserStorage()): void {
  try {
    storage?.setItem(keyOf(kind, userId), JSON.stringify({ savedAt: now, value } satisfies OfflineCopy<T>));
  } catch {
    // full or disabled: the page still works online
  }
}

export function readOfflineCopy<T>(kind: string, userId: string, storage = browserStorage()): OfflineCopy<T> | undefined {
  try {
    const text = storage?.getItem(keyOf(kind, userId));
    if (!text) return undefined;
    const copy = JSON.parse(text) as Partial<OfflineCopy<T>>;
    return typeof copy.savedAt === 'number' && copy.value !== undefined ? (copy as OfflineCopy<T>) : undefined;
  } catch {
    return undefined;
  }
}

/** Deletes every user's copies: on sign-out, nothing of the session stays on the device. */
export function clearOfflineCopies(storage = browserStorage()): void {
  if (!storage) return;
  const keys: string[] = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}
