/**
 * The users repositories in memory, for spec tests of the domain without a database. Each method
 * runs without awaiting in between, so, like the transaction it stands for, it is all or nothing.
 */
import { randomUUID } from 'node:crypto';
import { signerAt, verifyingAt, type StoredSigningKey } from '@sbor/db';
import type { Fact } from '@sbor/messaging';
import { userEmailVerifiedFact, userRegisteredFact } from '../messaging/facts.js';
import type { PasswordHasher } from './passwords.js';
import type { EmailTokenPurpose, StoredEmailToken, StoredRefreshToken, UserRecord, UsersRepositories } from './repositories.js';

export interface SessionFamily {
  id: string;
  userId: string;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export interface RefreshTokenRow extends StoredRefreshToken {
  familyId: string;
  usedAt: Date | null;
}

export interface EmailTokenRow extends StoredEmailToken {
  userId: string;
  email: string;
  purpose: EmailTokenPurpose;
  usedAt: Date | null;
}

export interface UsersMemory {
  users: Map<string, UserRecord>;
  families: Map<string, SessionFamily>;
  /** By token hash, as the unique index finds them. */
  refreshTokens: Map<string, RefreshTokenRow>;
  /** By token hash. */
  emailTokens: Map<string, EmailTokenRow>;
  signingKeys: StoredSigningKey[];
  /** What was written to the outbox, in order. */
  outbox: Fact[];
}

export function inMemoryUsersRepositories(
  options: { maxSessionsPerUser: number } = { maxSessionsPerUser: 20 },
): UsersRepositories & { memory: UsersMemory } {
  const memory: UsersMemory = {
    users: new Map(),
    families: new Map(),
    refreshTokens: new Map(),
    emailTokens: new Map(),
    signingKeys: [],
    outbox: [],
  };
  const copy = (row: UserRecord | undefined) => (row ? { ...row } : undefined);
  const emailTaken = (email: string) => [...memory.users.values()].some((u) => u.email.toLowerCase() === email.toLowerCase());
  const startFamily = (userId: string, firstToken: StoredRefreshToken) => {
    // Map order is creation order: the first live ones are the oldest.
    const live = [...memory.families.values()].filter((f) => f.userId === userId && !f.revokedAt);
    for (const oldest of live.slice(0, Math.max(0, live.length - (options.maxSessionsPerUser - 1)))) {
      Object.assign(oldest, { revokedAt: new Date(), revokedReason: 'session limit' });
    }
    const family: SessionFamily = { id: randomUUID(), userId, revokedAt: null, revokedReason: null };
    memory.families.set(family.id, family);
    memory.refreshTokens.set(firstToken.tokenHash, { ...firstToken, familyId: family.id, usedAt: null });
  };
  const presented = (tokenHash: string) => {
    const row = memory.refreshTokens.get(tokenHash);
    const family = row && memory.families.get(row.familyId);
    return row && family
      ? { familyId: row.familyId, usedAt: row.usedAt, expiresAt: row.expiresAt, familyRevokedAt: family.revokedAt }
      : undefined;
  };
  const claim = (tokenHash: string, purpose: EmailTokenPurpose) => {
    const token = memory.emailTokens.get(tokenHash);
    const user = token && memory.users.get(token.userId);
    const live = token && !token.usedAt && token.purpose === purpose && token.expiresAt.getTime() > Date.now();
    if (!live || !user || user.email.toLowerCase() !== token.email.toLowerCase()) return undefined;
    for (const other of memory.emailTokens.values()) if (other.userId === user.id && other.purpose === purpose) other.usedAt ??= new Date();
    return user;
  };
  const markVerified = (user: UserRecord) => {
    if (user.emailVerifiedAt) return;
    user.emailVerifiedAt = new Date();
    memory.outbox.push(userEmailVerifiedFact(user, user.emailVerifiedAt));
  };
  const update = (id: string, changes: Partial<Pick<UserRecord, 'displayName' | 'role'>>) => {
    const row = memory.users.get(id);
    if (!row) return undefined;
    // Like drizzle's `set`, a key given as undefined leaves the column alone.
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) Object.assign(row, { [key]: value });
    row.updatedAt = new Date();
    return { ...row };
  };

  return {
    memory,
    users: {
      register: async (user, firstToken, verification) => {
        if (emailTaken(user.email)) return undefined;
        const now = new Date();
        const row: UserRecord = { id: randomUUID(), ...user, role: 'USER', emailVerifiedAt: null, createdAt: now, updatedAt: now };
        memory.users.set(row.id, row);
        memory.outbox.push(userRegisteredFact(row));
        startFamily(row.id, firstToken);
        memory.emailTokens.set(verification.tokenHash, {
          ...verification,
          userId: row.id,
          email: row.email,
          purpose: 'VERIFY_EMAIL',
          usedAt: null,
        });
        return { ...row };
      },
      find: async (id) => copy(memory.users.get(id)),
      byIds: async (ids) => ids.flatMap((id) => copy(memory.users.get(id)) ?? []),
      byEmail: async (email) => copy([...memory.users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase())),
      update: async (id, changes) => update(id, changes),
      changeRole: async (id, role, firstToken) => {
        const row = update(id, { role });
        if (row) startFamily(id, firstToken);
        return row;
      },
    },
    sessions: {
      start: async (userId, firstToken) => startFamily(userId, firstToken),
      rotate: async (tokenHash, next) => {
        const state = presented(tokenHash);
        const live = state && !state.usedAt && !state.familyRevokedAt && state.expiresAt.getTime() > Date.now();
        if (!live) return { rotated: false, presented: state };
        memory.refreshTokens.get(tokenHash)!.usedAt = new Date();
        const user = copy(memory.users.get(memory.families.get(state.familyId)!.userId));
        if (!user) return { rotated: false, presented: undefined };
        memory.refreshTokens.set(next.tokenHash, { ...next, familyId: state.familyId, usedAt: null });
        return { rotated: true, user };
      },
      presented: async (tokenHash) => presented(tokenHash),
      revokeFamily: async (familyId, reason) => {
        const family = memory.families.get(familyId);
        if (family && !family.revokedAt) Object.assign(family, { revokedAt: new Date(), revokedReason: reason });
      },
    },
    emailTokens: {
      issue: async (userId, email, purpose, token) => {
        memory.emailTokens.set(token.tokenHash, { ...token, userId, email, purpose, usedAt: null });
      },
      verifyEmail: async (tokenHash) => {
        const user = claim(tokenHash, 'VERIFY_EMAIL');
        if (user) markVerified(user);
        return copy(user);
      },
      resetPassword: async (tokenHash, passwordHash) => {
        const user = claim(tokenHash, 'RESET_PASSWORD');
        if (!user) return undefined;
        for (const family of memory.families.values()) {
          if (family.userId === user.id && !family.revokedAt)
            Object.assign(family, { revokedAt: new Date(), revokedReason: 'password reset' });
        }
        markVerified(user);
        Object.assign(user, { passwordHash, updatedAt: new Date() });
        return copy(user);
      },
    },
    signingKeys: {
      live: async () => verifyingAt(memory.signingKeys),
      ensureSigner: async (make) => {
        if (signerAt(memory.signingKeys)) return;
        const now = new Date();
        memory.signingKeys.push({ ...(await make()), createdAt: now, activatesAt: now, retiredAt: null, expiresAt: null });
      },
    },
  };
}

/** Passwords kept readable, without argon2's deliberate cost: for spec tests only. */
export function plainPasswordHasher(): PasswordHasher {
  return {
    hash: async (password) => `plain:${password}`,
    verify: async (hash, password) => hash === `plain:${password}`,
    verifyNothing: async () => false,
  };
}
