import { describe, expect, it } from 'vitest';
import { clearOfflineCopies, readOfflineCopy, saveOfflineCopy } from './offline-copy';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    key: (index: number) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}

describe('offline copies', () => {
  it('give back what was saved for the same user, with when it was saved', () => {
    const storage = memoryStorage();
    saveOfflineCopy('tickets', 'u1', [{ code: 'A' }], 1_000, storage);
    expect(readOfflineCopy('tickets', 'u1', storage)).toEqual({ savedAt: 1_000, value: [{ code: 'A' }] });
  });

  it('never give one user’s copy to another', () => {
    const storage = memoryStorage();
    saveOfflineCopy('tickets', 'u1', ['mine'], 1_000, storage);
    expect(readOfflineCopy('tickets', 'u2', storage)).toBeUndefined();
  });

  it('ignore what they cannot read, and survive a storage that refuses to write', () => {
    const storage = memoryStorage();
    storage.setItem('sbor.offline.tickets.u1', '{not json');
    expect(readOfflineCopy('tickets', 'u1', storage)).toBeUndefined();
    const full = {
      ...storage,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => saveOfflineCopy('tickets', 'u1', [], 1, full)).not.toThrow();
  });

  it('are all deleted on sign-out, and nothing else is', () => {
    const storage = memoryStorage();
    saveOfflineCopy('tickets', 'u1', [], 1, storage);
    saveOfflineCopy('tickets', 'u2', [], 1, storage);
    storage.setItem('sbor.locale', 'ru');
    clearOfflineCopies(storage);
    expect([...storage.items.keys()]).toEqual(['sbor.locale']);
  });
});
