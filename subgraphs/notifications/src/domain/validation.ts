import { z } from 'zod';
import { NOTIFICATION_TYPES } from './notification.js';

export const preferencesInput = z.object({
  email: z.boolean().nullish(),
  push: z.boolean().nullish(),
  inApp: z.boolean().nullish(),
  mutedTypes: z
    .array(z.enum(NOTIFICATION_TYPES))
    .max(NOTIFICATION_TYPES.length * 2)
    .nullish(),
});

const base64url = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url`)
    .refine((v) => {
      const n = Buffer.from(v, 'base64url').length;
      return n >= min && n <= max;
    }, `${what} has the wrong length`);

/**
 * Browsers only hand out https push endpoints, and nothing else is accepted, in any deployment.
 * Whether the host is a public address takes DNS, so the domain checks that (`registerPush`).
 */
export const pushSubscriptionInput = z.object({
  endpoint: z
    .string()
    .max(2048, 'endpoint is too long')
    .refine((value) => URL.parse(value)?.protocol === 'https:', 'endpoint must be an https URL from the browser push service'),
  keys: z.object({
    // An uncompressed P-256 point is 65 bytes; the auth secret is 16.
    p256dh: base64url('keys.p256dh', 65, 65),
    auth: base64url('keys.auth', 16, 16),
  }),
});

export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;
