import { eq } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import { userContacts } from '../user-contacts.js';

export async function saveUserEmail(db: Executor, userId: string, email: string): Promise<void> {
  await db
    .insert(userContacts)
    .values({ userId, email })
    .onConflictDoUpdate({ target: userContacts.userId, set: { email, updatedAt: new Date() } });
}

export async function findUserEmail(db: Executor, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ email: userContacts.email }).from(userContacts).where(eq(userContacts.userId, userId));
  return row?.email;
}
