import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomId } from './random-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomId', () => {
  it('uses crypto.randomUUID where the context has it', () => {
    expect(randomId({ getRandomValues: (a) => a, randomUUID: () => '00000000-0000-4000-8000-000000000000' })).toBe(
      '00000000-0000-4000-8000-000000000000',
    );
  });

  it('builds a version 4 UUID from random bytes where it does not (plain HTTP)', () => {
    const source = { getRandomValues: webcrypto.getRandomValues.bind(webcrypto) } as Pick<Crypto, 'getRandomValues'>;
    const ids = new Set(Array.from({ length: 50 }, () => randomId(source)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});
