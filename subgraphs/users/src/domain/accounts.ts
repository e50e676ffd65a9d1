import { AppError, ErrorCode, unauthenticated, type Role, type Viewer } from '@sbor/core';
import { enqueue, makeFact, Topics } from '@sbor/messaging';
import type { Db } from '@sbor/db';
import { findUserByEmail, findUserById, findUsersByIds, insertUser, updateUser } from '../db/queries/users.js';
import { outbox } from '../db/outbox.js';
import type { UserRow } from '../db/users.js';
import type { PasswordHasher } from './passwords.js';
import type { RateLimits } from './rate-limits.js';
import type { Session, Sessions } from './sessions.js';
import { emailSchema, parseInput, profileInput, registerInput } from './validation.js';

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

export const toAccount = (row: UserRow): Account => ({
  id: row.id,
  email: row.email,
  displayName: row.displayName,
  role: row.role,
  createdAt: row.createdAt,
});

const userRegisteredFact = (row: UserRow) =>
  makeFact(Topics.userRegistered, {
    user_id: row.id,
    email: row.email,
    display_name: row.displayName,
    registered_at: row.createdAt.toISOString(),
  });

const INVALID_CREDENTIALS = 'Email or password is incorrect.';

export class Accounts {
  constructor(
    private readonly db: Db,
    private readonly sessions: Sessions,
    private readonly passwords: PasswordHasher,
    private readonly limits: RateLimits,
    /** Called after a transaction that wrote a fact commits, so the relay sends it right away. */
    private readonly onFactsWritten: () => void = () => {},
  ) {}

  async register(raw: unknown, clientIp: string | undefined): Promise<Session> {
    const input = parseInput(registerInput, raw);
    await this.limits.register(clientIp);
    const passwordHash = await this.passwords.hash(input.password);
    const session = await this.db.transaction(async (tx) => {
      const row = await insertUser(tx, { email: input.email, passwordHash, displayName: input.displayName });
      if (!row) {
        throw new AppError(ErrorCode.EMAIL_TAKEN, 'An account with this email already exists. Sign in instead.', {
          field: 'email',
        });
      }
      // Same transaction: the account never exists without the fact that tells others about it.
      await enqueue(tx, outbox, userRegisteredFact(row), row.id);
      return this.sessions.start(tx, toAccount(row));
    });
    this.onFactsWritten();
    return session;
  }

  /** Unknown email and wrong password answer the same words after the same work. */
  async login(rawEmail: string, password: string, clientIp: string | undefined): Promise<Session> {
    const parsed = emailSchema.safeParse(rawEmail);
    const email = parsed.success ? parsed.data : rawEmail.trim().toLowerCase().slice(0, 254);
    await this.limits.login(email, clientIp);
    const row = parsed.success && password.length <= 1024 ? await findUserByEmail(this.db, email) : undefined;
    const ok = row ? await this.passwords.verify(row.passwordHash, password) : await this.passwords.verifyNothing(password);
    if (!row || !ok) throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS, { reason: 'INVALID_CREDENTIALS' });
    return this.db.transaction((tx) => this.sessions.start(tx, toAccount(row)));
  }

  async refresh(token: string, clientIp: string | undefined): Promise<Session> {
    await this.limits.refresh(clientIp);
    return this.sessions.refresh(token);
  }

  async logout(token: string): Promise<void> {
    await this.sessions.end(token);
  }

  async me(viewer: Viewer | null): Promise<Account | null> {
    if (!viewer) return null;
    const row = await findUserById(this.db, viewer.userId);
    return row ? toAccount(row) : null;
  }

  async updateProfile(viewer: Viewer | null, raw: unknown): Promise<Account> {
    const { userId } = requireViewer(viewer);
    const input = parseInput(profileInput, raw);
    const row = await updateUser(this.db, userId, input);
    if (!row) throw unauthenticated('This account no longer exists.');
    return toAccount(row);
  }

  /** Upgrades the role and starts a session whose access token carries it. Idempotent. */
  async becomeOrganizer(viewer: Viewer | null): Promise<Session> {
    const { userId } = requireViewer(viewer);
    return this.db.transaction(async (tx) => {
      const row = await updateUser(tx, userId, { role: 'ORGANIZER' });
      if (!row) throw unauthenticated('This account no longer exists.');
      return this.sessions.start(tx, toAccount(row));
    });
  }

  async byId(id: string): Promise<Account | null> {
    const row = await findUserById(this.db, id);
    return row ? toAccount(row) : null;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, Account>> {
    const rows = await findUsersByIds(this.db, ids);
    return new Map(rows.map((r) => [r.id, toAccount(r)]));
  }
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}
