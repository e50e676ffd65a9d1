import argon2 from 'argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Burns the same time as a real check, so an unknown email cannot be told apart by timing. */
  verifyNothing(password: string): Promise<false>;
}

/** argon2id with OWASP's minimum (19 MiB, t=2, p=1) unless configured higher. */
export function createPasswordHasher(memoryCost = 19_456, timeCost = 2): PasswordHasher {
  const options = { type: argon2.argon2id, memoryCost, timeCost, parallelism: 1 } as const;
  const dummy = argon2.hash('not-a-real-password', options);
  return {
    hash: (password) => argon2.hash(password, options),
    verify: async (hash, password) => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    },
    verifyNothing: async (password) => {
      await argon2.verify(await dummy, password).catch(() => false);
      return false;
    },
  };
}
