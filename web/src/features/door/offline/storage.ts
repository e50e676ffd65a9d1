import type { CheckInEntry } from './check-in-queue';

/**
 * What the door keeps on the device: the ticket lists (keys, revocations) and the chosen event as
 * key-value records, and every check-in of this device. IndexedDB in the browser, because the
 * revocation list can outgrow localStorage and the queue must survive a reload or a crash.
 */
export interface DoorStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Every check-in this device made, of every event. */
  checkIns(): Promise<CheckInEntry[]>;
  putCheckIn(entry: CheckInEntry): Promise<void>;
  deleteCheckIns(ids: readonly string[]): Promise<void>;
}

const DB_NAME = 'sbor-door';
const KV = 'kv';
const CHECK_INS = 'checkIns';

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

function openDatabase(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore(KV);
    db.createObjectStore(CHECK_INS, { keyPath: 'id' });
  };
  return done(request);
}

/** IndexedDB, or memory when the browser refuses it (some private modes): then nothing outlives the page. */
export async function openDoorStorage(): Promise<DoorStorage> {
  let db: IDBDatabase;
  try {
    db = await openDatabase();
  } catch {
    return memoryStorage();
  }
  const store = (name: string, mode: IDBTransactionMode) => db.transaction(name, mode).objectStore(name);
  return {
    get: async <T>(key: string) => (await done(store(KV, 'readonly').get(key))) as T | undefined,
    set: async (key, value) => {
      await done(store(KV, 'readwrite').put(value, key));
    },
    checkIns: async () => (await done(store(CHECK_INS, 'readonly').getAll())) as CheckInEntry[],
    putCheckIn: async (entry) => {
      await done(store(CHECK_INS, 'readwrite').put(entry));
    },
    deleteCheckIns: async (ids) => {
      const checkIns = store(CHECK_INS, 'readwrite');
      await Promise.all(ids.map((id) => done(checkIns.delete(id))));
    },
  };
}

/** For tests, and for browsers without IndexedDB. Values are copied, as IndexedDB would. */
export function memoryStorage(): DoorStorage {
  const kv = new Map<string, unknown>();
  const checkIns = new Map<string, CheckInEntry>();
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    get: async <T>(key: string) => copy(kv.get(key)) as T | undefined,
    set: async (key, value) => {
      kv.set(key, copy(value));
    },
    checkIns: async () => [...checkIns.values()].map(copy),
    putCheckIn: async (entry) => {
      checkIns.set(entry.id, copy(entry));
    },
    deleteCheckIns: async (ids) => {
      for (const id of ids) checkIns.delete(id);
    },
  };
}
