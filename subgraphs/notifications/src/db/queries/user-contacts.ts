import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { Contact } from '../../domain/contacts.js';
import { userContacts } from '../user-contacts.js';

// Both upserts are the SQL of `withAddress` and `withVerification` in domain/contacts.ts: the facts
// come on two topics, in either order, and each one decides in one statement under the row lock.

/** `user.registered`: the same address keeps its verification, a new one drops an older one. */
export async function saveUserEmail(db: Executor, userId: string, email: string, since: Date): Promise<void> {
  const stored = userContacts;
  await db
    .insert(userContacts)
    .values({ userId, email, emailSince: since })
    .onConflictDoUpdate({
      target: userContacts.userId,
      set: {
        email,
        emailSince: sql`case when ${stored.email} = excluded.email then coalesce(${stored.emailSince}, excluded.email_since) else excluded.email_since end`,
        verifiedAt: sql`case when ${stored.email} = excluded.email or ${stored.verifiedAt} >= excluded.email_since then ${stored.verifiedAt} end`,
        updatedAt: sql`now()`,
      },
      // An address older than the stored one is a stale fact.
      setWhere: sql`${stored.emailSince} is null or excluded.email_since >= ${stored.emailSince}`,
    });
}

/** `user.email_verified`: verifies the current address, unless the verification predates it. */
export async function markUserEmailVerified(db: Executor, userId: string, at: Date): Promise<void> {
  const stored = userContacts;
  await db
    .insert(userContacts)
    .values({ userId, verifiedAt: at })
    .onConflictDoUpdate({
      target: userContacts.userId,
      // greatest() ignores nulls: a first verification is simply taken.
      set: { verifiedAt: sql`greatest(${stored.verifiedAt}, excluded.verified_at)`, updatedAt: sql`now()` },
      setWhere: sql`${stored.emailSince} is null or excluded.verified_at >= ${stored.emailSince}`,
    });
}

export async function findUserContact(db: Executor, userId: string): Promise<Contact | undefined> {
  const [row] = await db
    .select({ email: userContacts.email, emailSince: userContacts.emailSince, verifiedAt: userContacts.verifiedAt })
    .from(userContacts)
    .where(eq(userContacts.userId, userId));
  return row;
}
