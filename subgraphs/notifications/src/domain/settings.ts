import type { Viewer } from '@sbor/core';
import type { Db } from '@sbor/db';
import { findPreferences, savePreferences } from '../db/queries/preferences.js';
import { savePushSubscription } from '../db/queries/push-subscriptions.js';
import { requireViewer } from './notifications.js';
import { applyPreferencesChange, DEFAULT_PREFERENCES, type Preferences } from './preferences.js';
import { parseInput, preferencesInput, pushSubscriptionInput } from './validation.js';

/** The signed-in user's notification preferences and push registrations. */
export class NotificationSettings {
  constructor(
    private readonly db: Db,
    private readonly options: { production: boolean; vapidPublicKey: string },
  ) {}

  async preferences(viewer: Viewer | null): Promise<Preferences> {
    const { userId } = requireViewer(viewer);
    const [row] = await findPreferences(this.db, [userId]);
    return row ? { email: row.email, push: row.push, inApp: row.inApp, mutedTypes: row.mutedTypes } : { ...DEFAULT_PREFERENCES, mutedTypes: [] };
  }

  async updatePreferences(viewer: Viewer | null, raw: unknown): Promise<Preferences> {
    const { userId } = requireViewer(viewer);
    const change = parseInput(preferencesInput, raw);
    return this.db.transaction(async (tx) => {
      const [row] = await findPreferences(tx, [userId]);
      const current = row ? { email: row.email, push: row.push, inApp: row.inApp, mutedTypes: row.mutedTypes } : DEFAULT_PREFERENCES;
      const saved = await savePreferences(tx, userId, applyPreferencesChange(current, change));
      return { email: saved.email, push: saved.push, inApp: saved.inApp, mutedTypes: saved.mutedTypes };
    });
  }

  async registerPush(viewer: Viewer | null, raw: unknown): Promise<boolean> {
    const { userId } = requireViewer(viewer);
    const input = parseInput(pushSubscriptionInput(this.options.production), raw);
    await savePushSubscription(this.db, { userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth });
    return true;
  }

  webPushPublicKey(): string {
    return this.options.vapidPublicKey;
  }
}
