import type { Db, Executor } from '@sbor/db';
import type { StoredRefreshToken, UsersRepositories } from '../domain/repositories.js';
import { userRegistered } from '../messaging/facts.js';
import { claimRefreshToken, createFamily, findRefreshTokenState, insertRefreshToken, revokeFamily } from './queries/sessions.js';
import { createActiveKeyOnce, publishedKeys } from './queries/signing-keys.js';
import { findUserByEmail, findUserById, findUsersByIds, insertUser, updateUser } from './queries/users.js';

async function startFamily(tx: Executor, userId: string, firstToken: StoredRefreshToken): Promise<void> {
  const familyId = await createFamily(tx, userId);
  await insertRefreshToken(tx, familyId, firstToken.tokenHash, firstToken.expiresAt);
}

/** The users domain's repositories on PostgreSQL (or PGlite): each method one query or one transaction. */
export function usersRepositories(db: Db): UsersRepositories {
  return {
    users: {
      register: (user, firstToken) =>
        db.transaction(async (tx) => {
          const row = await insertUser(tx, user);
          if (!row) return undefined;
          await userRegistered(tx, row);
          await startFamily(tx, row.id, firstToken);
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
    signingKeys: {
      activeOrCreate: (make) => createActiveKeyOnce(db, make),
      published: () => publishedKeys(db),
    },
  };
}
