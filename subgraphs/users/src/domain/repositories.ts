/**
 * What the users domain needs from storage, as interfaces: the drizzle implementation is
 * `db/repositories.ts`, an in-memory one for spec tests is `domain/in-memory.ts`. A method that
 * must be all or nothing (an account with its fact and first session, a rotation) is one
 * transaction inside the implementation.
 */
import type { Role } from '@sbor/core';
import type { SigningKeyStore } from '@sbor/db';
import type { RefreshTokenState } from './refresh-rules.js';

/** An account as stored, password hash included; it leaves the domain only as an `Account`. */
export interface UserRecord {
  id: string;
  /** Lower-cased on the way in; unique whatever its case. */
  email: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  /** When the owner last proved they read mail at `email`; null until then. */
  emailVerifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewUser = Pick<UserRecord, 'email' | 'passwordHash' | 'displayName'>;

/** A refresh token as stored: its SHA-256 hash and expiry, never the token itself. */
export interface StoredRefreshToken {
  tokenHash: string;
  expiresAt: Date;
}

/** A link sent by email, as stored: its SHA-256 hash and expiry, never the token itself. */
export interface StoredEmailToken {
  tokenHash: string;
  expiresAt: Date;
}

export type EmailTokenPurpose = 'VERIFY_EMAIL' | 'RESET_PASSWORD';

/** What the row of a presented refresh token says, and the session family it belongs to. */
export interface PresentedToken extends RefreshTokenState {
  familyId: string;
}

/** A rotation either happened, or changed nothing and says what the presented token's row holds. */
export type Rotation = { rotated: true; user: UserRecord } | { rotated: false; presented: PresentedToken | undefined };

export interface UserRepository {
  /**
   * The account, its `user.registered` fact, its first session family with `firstToken` and its
   * verification link, in one transaction; undefined, with nothing written, when the email is taken.
   */
  register(user: NewUser, firstToken: StoredRefreshToken, verification: StoredEmailToken): Promise<UserRecord | undefined>;
  find(id: string): Promise<UserRecord | undefined>;
  byIds(ids: readonly string[]): Promise<UserRecord[]>;
  /** Ignores case, as the uniqueness of emails does. */
  byEmail(email: string): Promise<UserRecord | undefined>;
  update(id: string, changes: { displayName?: string }): Promise<UserRecord | undefined>;
  /** The new role and a session family with `firstToken`, in one transaction; undefined when the user is gone. */
  changeRole(id: string, role: Role, firstToken: StoredRefreshToken): Promise<UserRecord | undefined>;
}

/** Single-use links sent to an account's address. A used link also uses up the others of its purpose. */
export interface EmailTokenRepository {
  /** Stores a link to the account's current address. */
  issue(userId: string, email: string, purpose: EmailTokenPurpose, token: StoredEmailToken): Promise<void>;
  /**
   * In one transaction: uses up a live verification link still addressed to the account's email,
   * marks the address verified and writes `user.email_verified`; undefined when the link is not live.
   */
  verifyEmail(tokenHash: string): Promise<UserRecord | undefined>;
  /**
   * In one transaction: uses up a live reset link, stores the new hash, marks the address verified
   * (the link proved it; with `user.email_verified` if it was not) and revokes every session family.
   */
  resetPassword(tokenHash: string, passwordHash: string): Promise<UserRecord | undefined>;
}

export interface SessionRepository {
  /** A new session family for the user with its first refresh token, in one transaction. */
  start(userId: string, firstToken: StoredRefreshToken): Promise<void>;
  /**
   * In one transaction: uses up the token if it is live (unused, unexpired, family not revoked) and
   * stores `next` in its family. Of two concurrent rotations of one token only one wins; the other
   * sees it used.
   */
  rotate(tokenHash: string, next: StoredRefreshToken): Promise<Rotation>;
  /** Undefined for a token never issued. */
  presented(tokenHash: string): Promise<PresentedToken | undefined>;
  /** Ends every token of the family at once; a family already ended keeps its first reason. */
  revokeFamily(familyId: string, reason: string): Promise<void>;
}

/** The keys that sign access tokens (`@sbor/db`'s signing-key store; the operator rotates them). */
export type SigningKeyRepository = Pick<SigningKeyStore, 'live' | 'ensureSigner'>;

export interface UsersRepositories {
  users: UserRepository;
  sessions: SessionRepository;
  emailTokens: EmailTokenRepository;
  signingKeys: SigningKeyRepository;
}
