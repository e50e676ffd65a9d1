/**
 * Where email notifications may go. The users service owns addresses and says so with two facts
 * on two topics, so they can arrive in either order: `user.registered` (the address, also after a
 * change) and `user.email_verified` (ids only: the user's current address is verified). Email goes
 * only to a verified address, so a typo or someone else's address never receives anyone's tickets.
 */

export interface Contact {
  /** Null while only a verification is known (its `user.registered` is still on its way). */
  email: string | null;
  /** When the users service set this address (the fact's timestamp). */
  emailSince: Date | null;
  /** When the users service verified the current address; null while it is not. */
  verifiedAt: Date | null;
}

/** The verified address to email, or why there is none. */
export type EmailTarget = { to: string } | { skip: 'no address' | 'not verified' };

export function emailTarget(contact: Contact | undefined): EmailTarget {
  if (!contact?.email) return { skip: 'no address' };
  if (!contact.verifiedAt) return { skip: 'not verified' };
  return { to: contact.email };
}

/**
 * `user.registered` naming `email` as of `since`. The same address keeps its verification; a new
 * one keeps it only when the verification came after the change (it arrived first, on its own
 * topic), otherwise the new address starts unverified. An older address than the stored one is a
 * stale fact and changes nothing.
 */
export function withAddress(current: Contact | undefined, email: string, since: Date): Contact {
  if (!current) return { email, emailSince: since, verifiedAt: null };
  if (current.emailSince && since < current.emailSince) return current;
  if (current.email === email) return { ...current, emailSince: current.emailSince ?? since };
  const verifiedAt = current.verifiedAt && current.verifiedAt >= since ? current.verifiedAt : null;
  return { email, emailSince: since, verifiedAt };
}

/**
 * `user.email_verified` at `at`. A verification older than the current address was of an earlier
 * one (it arrived late, on its own topic) and verifies nothing now.
 */
export function withVerification(current: Contact | undefined, at: Date): Contact {
  if (!current) return { email: null, emailSince: null, verifiedAt: at };
  if (current.emailSince && at < current.emailSince) return current;
  const verifiedAt = current.verifiedAt && current.verifiedAt > at ? current.verifiedAt : at;
  return { ...current, verifiedAt };
}
