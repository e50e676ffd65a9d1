/** The facts this service publishes, written to the outbox inside the transaction that makes them true. */
import type { Executor } from '@sbor/db';
import { enqueue, makeFact, Topics, type Fact } from '@sbor/messaging';
import { outbox } from '../db/outbox.js';
import type { UserRecord } from '../domain/repositories.js';

// The message key is the user id, so one user's facts stay in order.

type RegisteredUser = Pick<UserRecord, 'id' | 'email' | 'displayName' | 'createdAt'>;

export function userRegisteredFact(user: RegisteredUser): Fact {
  return makeFact(Topics.userRegistered, {
    user_id: user.id,
    email: user.email,
    display_name: user.displayName,
    registered_at: user.createdAt.toISOString(),
  });
}

/** Same transaction as the insert: the account never exists without the fact that tells others about it. */
export async function userRegistered(tx: Executor, user: RegisteredUser): Promise<void> {
  await enqueue(tx, outbox, userRegisteredFact(user), user.id);
}

export function userEmailVerifiedFact(user: Pick<UserRecord, 'id'>, verifiedAt: Date): Fact {
  return makeFact(Topics.userEmailVerified, { user_id: user.id, verified_at: verifiedAt.toISOString() });
}

/** Same transaction as marking the address verified. */
export async function userEmailVerified(tx: Executor, user: Pick<UserRecord, 'id'>, verifiedAt: Date): Promise<void> {
  await enqueue(tx, outbox, userEmailVerifiedFact(user, verifiedAt), user.id);
}
