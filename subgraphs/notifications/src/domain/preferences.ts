import { AppError, ErrorCode, type Viewer } from '@sbor/core';
import { NOTIFICATION_TYPES, type NotificationType } from './notification.js';
import type { PreferenceRepository, PushSubscriptionRepository } from './repositories.js';
import type { PushSubscriptionInput } from './validation.js';

/** How one user wants to be notified. */
export interface UserPreferences {
  email: boolean;
  push: boolean;
  inApp: boolean;
  mutedTypes: NotificationType[];
}

/**
 * What a user who never changed anything gets: in-app (nothing to set up) and email (the address
 * is the account's) on; push off, since it needs the browser's permission and a registration first.
 */
export const DEFAULT_PREFERENCES: Readonly<UserPreferences> = Object.freeze({ email: true, push: false, inApp: true, mutedTypes: [] });

/** Where one notification goes. */
export interface ChannelPlan {
  /** Listed, counted and delivered live. */
  inApp: boolean;
  email: boolean;
  push: boolean;
}

/**
 * A muted type goes nowhere (null: not even stored). Otherwise each channel follows its switch;
 * in-app off still lets email and push through, since the user asked for those explicitly.
 */
export function planChannels(prefs: UserPreferences, type: NotificationType): ChannelPlan | null {
  if (prefs.mutedTypes.includes(type)) return null;
  if (!prefs.inApp && !prefs.email && !prefs.push) return null;
  return { inApp: prefs.inApp, email: prefs.email, push: prefs.push };
}

export interface PreferencesChange {
  email?: boolean | null;
  push?: boolean | null;
  inApp?: boolean | null;
  mutedTypes?: readonly NotificationType[] | null;
}

/** Omitted (or null) fields keep their value; muted types are stored once each, in enum order. */
export function applyPreferencesChange(current: UserPreferences, change: PreferencesChange): UserPreferences {
  const muted = change.mutedTypes ?? current.mutedTypes;
  return {
    email: change.email ?? current.email,
    push: change.push ?? current.push,
    inApp: change.inApp ?? current.inApp,
    mutedTypes: NOTIFICATION_TYPES.filter((type) => muted.includes(type)),
  };
}

/** Each user's notification preferences and the browsers they registered for web push. */
export class Preferences {
  constructor(
    private readonly repositories: { preferences: PreferenceRepository; pushSubscriptions: PushSubscriptionRepository },
    private readonly options: {
      vapidPublicKey: string;
      maxPushSubscriptionsPerUser: number;
      /** False when the endpoint's host is, or resolves to, an address the service must not reach (issue 16). */
      pushEndpointAllowed: (endpoint: string) => Promise<boolean>;
    },
  ) {}

  async of(owner: Viewer): Promise<UserPreferences> {
    const stored = (await this.repositories.preferences.of([owner.userId])).get(owner.userId);
    return stored ?? { ...DEFAULT_PREFERENCES, mutedTypes: [] };
  }

  update(owner: Viewer, change: PreferencesChange): Promise<UserPreferences> {
    return this.repositories.preferences.update(owner.userId, (current) => applyPreferencesChange(current ?? DEFAULT_PREFERENCES, change));
  }

  /** A browser registered for push; the same endpoint again replaces its keys (and its user). */
  async registerPush(owner: Viewer, browser: PushSubscriptionInput): Promise<true> {
    // Refused up front so the client learns now; every send checks again, as DNS can change.
    if (!(await this.options.pushEndpointAllowed(browser.endpoint))) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'The push endpoint must be a public internet address.', {
        field: 'endpoint',
        reason: 'ENDPOINT_NOT_PUBLIC',
      });
    }
    const outcome = await this.repositories.pushSubscriptions.save(
      { userId: owner.userId, endpoint: browser.endpoint, p256dh: browser.keys.p256dh, auth: browser.keys.auth },
      this.options.maxPushSubscriptionsPerUser,
    );
    // Handing another user's endpoint over would let anyone who learns it silence (or read) their pushes.
    if (outcome === 'taken') {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'This browser is registered to another account.', {
        field: 'endpoint',
        reason: 'ENDPOINT_TAKEN',
      });
    }
    return true;
  }

  /** Public by nature: browsers need it before anyone subscribes. */
  webPushPublicKey(): string {
    return this.options.vapidPublicKey;
  }
}
