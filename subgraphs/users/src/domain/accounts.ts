import { randomBytes, randomUUID } from 'node:crypto';
import { AppError, ErrorCode, unauthenticated, type Role, type Viewer } from '@sbor/core';
import type { AccountMail } from './account-mail.js';
import type { PasswordHasher } from './passwords.js';
import type { RateLimits } from './rate-limits.js';
import type { EmailTokenRepository, StoredEmailToken, UserRecord, UserRepository } from './repositories.js';
import { hashRefreshToken, type Session, type Sessions } from './sessions.js';
import { emailSchema, type ProfileInput, type RegisterInput } from './validation.js';

/** A user as the API sees it: never the password hash. */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** Whether the owner proved they read mail at `email`. */
  emailVerified: boolean;
  createdAt: Date;
  /** Set on the account inside a session payload: whoever holds the session is this user. */
  isSessionOwner?: true;
}

export const toAccount = (row: UserRecord): Account => ({
  id: row.id,
  email: row.email,
  displayName: row.displayName,
  role: row.role,
  emailVerified: row.emailVerifiedAt !== null,
  createdAt: row.createdAt,
});

const VERIFY_LINK_TTL_MS = 48 * 3_600_000;
const RESET_LINK_TTL_MS = 3_600_000;

/** An emailed link's secret: 256 random bits, prefixed so secret scanners recognise a leaked one. */
function mintEmailToken(ttlMs: number): { token: string; stored: StoredEmailToken } {
  const token = `sbr_et_${randomBytes(32).toString('base64url')}`;
  return { token, stored: { tokenHash: hashRefreshToken(token), expiresAt: new Date(Date.now() + ttlMs) } };
}

const linkInvalid = () =>
  new AppError(ErrorCode.BAD_USER_INPUT, 'This link is not valid any more. Ask for a new one.', {
    field: 'token',
    reason: 'TOKEN_INVALID',
  });

const INVALID_CREDENTIALS = 'Email or password is incorrect.';
const accountGone = () => unauthenticated('This account no longer exists.');

export class Accounts {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: Sessions,
    private readonly passwords: PasswordHasher,
    private readonly limits: RateLimits,
    private readonly emailTokens: EmailTokenRepository,
    private readonly mail: AccountMail,
    /** Called after a transaction that wrote a fact commits, so the relay sends it right away. */
    private readonly onFactsWritten: () => void = () => {},
  ) {}

  /**
   * A taken address answers as a free one would: a signed-in, unverified session, after the same
   * hashing work. That session belongs to no account (it is a decoy, see docs/security.md "Accounts
   * (issue 16)"), and the address's owner is told by email instead of the caller.
   */
  async register(input: RegisterInput, clientIp: string | undefined): Promise<Session> {
    await this.limits.register(clientIp);
    const passwordHash = await this.passwords.hash(input.password);
    const refresh = this.sessions.mint();
    const verification = mintEmailToken(VERIFY_LINK_TTL_MS);
    const row = await this.users.register(
      { email: input.email, passwordHash, displayName: input.displayName },
      refresh.stored,
      verification.stored,
    );
    const mayMail = await this.limits.accountEmail(input.email, clientIp);
    if (!row) {
      if (mayMail) this.mail.alreadyRegistered(input.email);
      const decoy: Account = {
        id: randomUUID(),
        email: input.email,
        displayName: input.displayName,
        role: 'USER',
        emailVerified: false,
        createdAt: new Date(),
      };
      return this.sessions.issue(decoy, refresh);
    }
    this.onFactsWritten();
    this.mail.verification(row.email, verification.token);
    return this.sessions.issue(toAccount(row), refresh);
  }

  /** Sends a fresh verification link to the signed-in user's address, unless it is verified already. */
  async requestEmailVerification(viewer: Viewer, clientIp: string | undefined): Promise<void> {
    const row = await this.users.find(viewer.userId);
    if (!row) throw accountGone();
    if (row.emailVerifiedAt || !(await this.limits.accountEmail(row.email, clientIp))) return;
    const verification = mintEmailToken(VERIFY_LINK_TTL_MS);
    await this.emailTokens.issue(row.id, row.email, 'VERIFY_EMAIL', verification.stored);
    this.mail.verification(row.email, verification.token);
  }

  async verifyEmail(token: string): Promise<Account> {
    const row = await this.emailTokens.verifyEmail(hashRefreshToken(token));
    if (!row) throw linkInvalid();
    this.onFactsWritten();
    return toAccount(row);
  }

  /** The same answer whether or not the address has an account; only its owner's mailbox learns. */
  async requestPasswordReset(rawEmail: string, clientIp: string | undefined): Promise<void> {
    const parsed = emailSchema.safeParse(rawEmail);
    if (!parsed.success || !(await this.limits.accountEmail(parsed.data, clientIp))) return;
    const row = await this.users.byEmail(parsed.data);
    if (!row) return;
    const reset = mintEmailToken(RESET_LINK_TTL_MS);
    await this.emailTokens.issue(row.id, row.email, 'RESET_PASSWORD', reset.stored);
    this.mail.passwordReset(row.email, reset.token);
  }

  /** Sets the new password and ends every session of the account, whoever holds them. */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    const passwordHash = await this.passwords.hash(newPassword);
    const row = await this.emailTokens.resetPassword(hashRefreshToken(token), passwordHash);
    if (!row) throw linkInvalid();
    this.onFactsWritten();
  }

  /**
   * Unknown email and wrong password answer the same words after the same work; so does an email
   * that is not one, which is why it is not refused as bad input. It is still counted against the
   * limit, normalised as a real one would be. Only failures are counted (see `RateLimits`).
   */
  async login(rawEmail: string, password: string, clientIp: string | undefined): Promise<Session> {
    const parsed = emailSchema.safeParse(rawEmail);
    const email = parsed.success ? parsed.data : rawEmail.trim().toLowerCase().slice(0, 254);
    await this.limits.beforeLogin(email, clientIp);
    const row = parsed.success && password.length <= 1024 ? await this.users.byEmail(email) : undefined;
    const ok = row ? await this.passwords.verify(row.passwordHash, password) : await this.passwords.verifyNothing(password);
    if (!row || !ok) {
      await this.limits.loginFailed(email, clientIp);
      throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS, { reason: 'INVALID_CREDENTIALS' });
    }
    await this.limits.loginSucceeded(email, clientIp);
    return this.sessions.start(toAccount(row));
  }

  async refresh(token: string, clientIp: string | undefined): Promise<Session> {
    await this.limits.refresh(clientIp);
    return this.sessions.refresh(token);
  }

  async logout(token: string): Promise<void> {
    await this.sessions.end(token);
  }

  async updateProfile(viewer: Viewer, changes: ProfileInput): Promise<Account> {
    const row = await this.users.update(viewer.userId, changes);
    if (!row) throw accountGone();
    return toAccount(row);
  }

  /** Upgrades the role and starts a session whose access token carries it. Idempotent. */
  async becomeOrganizer(viewer: Viewer): Promise<Session> {
    const refresh = this.sessions.mint();
    const row = await this.users.changeRole(viewer.userId, 'ORGANIZER', refresh.stored);
    if (!row) throw accountGone();
    return this.sessions.issue(toAccount(row), refresh);
  }

  async byId(id: string): Promise<Account | null> {
    const row = await this.users.find(id);
    return row ? toAccount(row) : null;
  }

  /** For the internal read that names door staff: case and surrounding spaces are ignored, as at sign-in. */
  async byEmail(rawEmail: string): Promise<Account | null> {
    const parsed = emailSchema.safeParse(rawEmail);
    const row = parsed.success ? await this.users.byEmail(parsed.data) : undefined;
    return row ? toAccount(row) : null;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, Account>> {
    const rows = await this.users.byIds(ids);
    return new Map(rows.map((r) => [r.id, toAccount(r)]));
  }
}
