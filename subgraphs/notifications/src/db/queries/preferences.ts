import type { Executor } from '@sbor/db';
import type { UserPreferences } from '../../domain/preferences.js';
import { preferences, type PreferencesRow } from '../preferences.js';
import { inIdList } from './id-list.js';

export async function findPreferences(db: Executor, userIds: readonly string[]): Promise<PreferencesRow[]> {
  if (userIds.length === 0) return [];
  return db.select().from(preferences).where(inIdList(preferences.userId, userIds));
}

export async function savePreferences(db: Executor, userId: string, prefs: UserPreferences): Promise<PreferencesRow> {
  const values = { email: prefs.email, push: prefs.push, inApp: prefs.inApp, mutedTypes: prefs.mutedTypes };
  const [row] = await db
    .insert(preferences)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: preferences.userId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return row!;
}
