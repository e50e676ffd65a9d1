import { NOTIFICATION_TYPES, type NotificationType } from '../db/schema.js';

export interface Preferences {
  email: boolean;
  push: boolean;
  inApp: boolean;
  mutedTypes: NotificationType[];
}

/**
 * What a user who never changed anything gets: in-app (nothing to set up) and email (the address
 * is the account's) on; push off, since it needs the browser's permission and a registration first.
 */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({ email: true, push: false, inApp: true, mutedTypes: [] });

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
export function planChannels(prefs: Preferences, type: NotificationType): ChannelPlan | null {
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
export function applyPreferencesChange(current: Preferences, change: PreferencesChange): Preferences {
  const muted = change.mutedTypes ?? current.mutedTypes;
  return {
    email: change.email ?? current.email,
    push: change.push ?? current.push,
    inApp: change.inApp ?? current.inApp,
    mutedTypes: NOTIFICATION_TYPES.filter((type) => muted.includes(type)),
  };
}
