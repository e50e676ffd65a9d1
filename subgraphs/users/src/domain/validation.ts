import { z } from 'zod';
import { INVISIBLE_CHARACTERS } from '@sbor/core';

// Control characters and invisible formatting have no place in a name shown to others; nor do lone
// surrogates (\p{Cs}: ill-formed UTF-16), which would silently become U+FFFD when stored.

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'Email must be at most 254 characters.')
  .toLowerCase()
  .pipe(z.email({ message: 'Email must be a valid address, e.g. ann@example.com.' }));

export const passwordSchema = z
  .string()
  .min(10, 'Password must be at least 10 characters.')
  .max(128, 'Password must be at most 128 characters.');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Display name must not be empty.')
  .max(60, 'Display name must be at most 60 characters.')
  .refine((v) => !INVISIBLE_CHARACTERS.test(v), 'Display name must not contain control characters.');

export const registerInput = z.object({ email: emailSchema, password: passwordSchema, displayName: displayNameSchema });
export type RegisterInput = z.infer<typeof registerInput>;

export const profileInput = z.object({ displayName: displayNameSchema.optional() });
export type ProfileInput = z.infer<typeof profileInput>;

export const resetPasswordInput = z.object({ token: z.string().max(200, 'Token is not valid.'), newPassword: passwordSchema });
