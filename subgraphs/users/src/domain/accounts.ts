import { AppError, ErrorCode, unauthenticated, type Role, type Viewer } from '@sbor/core';
import type { PasswordHasher } from './passwords.js';
import type { RateLimits } from './rate-limits.js';
import type { UserRecord, UserRepository } from './repositories.js';
import type { Session, Sessions } from './sessions.js';
import { emailSchema, type ProfileInput, type RegisterInput } from './validation.js';

/** A user as the API sees it: never the password hash. */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  createdAt: Date;
  /** Set on the account inside a session payload: whoever holds the session is this user. */
  isSessionOwner?: true;
}

export const toAccount = (row: UserRecord): Account => ({
  id: row.id,
  email: row.email,
  displayName: row.displayName,
  role: row.role,
  createdAt: row.createdAt,
});

const INVALID_CREDENTIALS = 'Email or password is incorrect.';
const accountGone = () => unauthenticated('This account no longer exists.');

export class Accounts {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: Sessions,
    private readonly passwords: PasswordHasher,
    private readonly limits: RateLimits,
    /** Called after a transaction that wrote a fact commits, so the relay sends it right away. */
    private readonly onFactsWritten: () => void = () => {},
  ) {}

  async register(input: RegisterInput, clientIp: string | undefined): Promise<Session> {
    await this.limits.register(clientIp);
    const passwordHash = await this.passwords.hash(input.password);
    const refresh = this.sessions.mint();
    const row = await this.users.register({ email: input.email, passwordHash, displayName: input.displayName }, refresh.stored);
    if (!row) {
      throw new AppError(ErrorCode.EMAIL_TAKEN, 'An account with this email already exists. Sign in instead.', { field: 'email' });
    }
    this.onFactsWritten();
    return this.sessions.issue(toAccount(row), refresh);
  }

  /**
   * Unknown email and wrong password answer the same words after the same work; so does an email
   * that is not one, which is why it is not refused as bad input. It is still counted against the
   * limit, normalised as a real one would be.
   */
  async login(rawEmail: string, password: string, clientIp: string | undefined): Promise<Session> {
    const parsed = emailSchema.safeParse(rawEmail);
    const email = parsed.success ? parsed.data : rawEmail.trim().toLowerCase().slice(0, 254);
    await this.limits.login(email, clientIp);
    const row = parsed.success && password.length <= 1024 ? await this.users.byEmail(email) : undefined;
    const ok = row ? await this.passwords.verify(row.passwordHash, password) : await this.passwords.verifyNothing(password);
    if (!row || !ok) throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS, { reason: 'INVALID_CREDENTIALS' });
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
