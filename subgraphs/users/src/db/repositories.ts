import type { Db, Executor } from '@sbor/db';
import type { StoredRefreshToken, UsersRepositories } from '../domain/repositories.js';
import { userEmailVerified, userRegistered } from '../messaging/facts.js';
import { claimEmailToken, insertEmailToken, markEmailVerified, revokeAllFamilies, setPasswordHash } from './queries/email-tokens.js';
import {
  claimRefreshToken,
  createFamily,
  findRefreshTokenState,
  insertRefreshToken,
  revokeFamily,
  revokeOldestFamilies,
} from './queries/sessions.js';
import { accessKeyStore } from './signing-keys.js';
import { findUserByEmail, findUserById, findUsersByIds, insertUser, updateUser } from './queries/users.js';

async function startCappedFamily(tx: Executor, userId: string, firstToken: StoredRefreshToken, maxSessions: number): Promise<void> {
  await revokeOldestFamilies(tx, userId, maxSessions - 1, 'session limit');
  const familyId = await createFamily(tx, userId);
  await insertRefreshToken(tx, familyId, firstToken.tokenHash, firstToken.expiresAt);
}

/** The users domain's repositories on PostgreSQL (or PGlite): each method one query or one transaction. */
export function usersRepositories(db: Db, options: { maxSessionsPerUser: number } = { maxSessionsPerUser: 20 }): UsersRepositories {
  const startFamily = (tx: Executor, userId: string, firstToken: StoredRefreshToken) =>
    startCappedFamily(tx, userId, firstToken, options.maxSessionsPerUser);
  return {
    users: {
      register: (user, firstToken, verification) =>
        db.transaction(async (tx) => {
          const row = await insertUser(tx, user);
          if (!row) return undefined;
          await userRegistered(tx, row);
          await startFamily(tx, row.id, firstToken);
          await insertEmailToken(tx, row.id, row.email, 'VERIFY_EMAIL', verification);
          return row;
        }),
      find: (id) => findUserById(db, id),
      byIds: (ids) => findUsersByIds(db, ids),
      byEmail: (email) => findUserByEmail(db, email),
      update: (id, changes) => updateUser(db, id, changes),
      changeRole: (id, role, firstToken) =>
        db.transaction(async (tx) => {
          const row = await updateUser(tx, id, { role });
          if (row) await startFamily(tx, row.id, firstToken);
          return row;
        }),
    },
    sessions: {
      start: (userId, firstToken) => db.transaction((tx) => startFamily(tx, userId, firstToken)),
      rotate: (tokenHash, next) =>
        db.transaction(async (tx) => {
          const claimed = await claimRefreshToken(tx, tokenHash);
          if (!claimed) return { rotated: false, presented: await findRefreshTokenState(tx, tokenHash) };
          const user = await findUserById(tx, claimed.userId);
          if (!user) return { rotated: false, presented: undefined };
          await insertRefreshToken(tx, claimed.familyId, next.tokenHash, next.expiresAt);
          return { rotated: true, user };
        }),
      presented: (tokenHash) => findRefreshTokenState(db, tokenHash),
      revokeFamily: (familyId, reason) => revokeFamily(db, familyId, reason),
    },
    emailTokens: {
      issue: (userId, email, purpose, token) => insertEmailToken(db, userId, email, purpose, token),
      verifyEmail: (tokenHash) =>
        db.transaction(async (tx) => {
          const claimed = await claimEmailToken(tx, tokenHash, 'VERIFY_EMAIL');
          if (!claimed) return undefined;
          const verified = await markEmailVerified(tx, claimed.id);
          if (verified) await userEmailVerified(tx, verified, verified.emailVerifiedAt!);
          return verified ?? claimed;
        }),
      resetPassword: (tokenHash, passwordHash) =>
        db.transaction(async (tx) => {
          const claimed = await claimEmailToken(tx, tokenHash, 'RESET_PASSWORD');
          if (!claimed) return undefined;
          await revokeAllFamilies(tx, claimed.id, 'password reset');
          const verified = await markEmailVerified(tx, claimed.id);
          if (verified) await userEmailVerified(tx, verified, verified.emailVerifiedAt!);
          return setPasswordHash(tx, claimed.id, passwordHash);
        }),
    },
    signingKeys: accessKeyStore(db),
  };
}
