/** For spec tests: the users domain on in-memory repositories, and resolvers called as the server calls them. */
import { randomUUID } from 'node:crypto';
import { createMemoryCache } from '@sbor/cache';
import { createLogger, type Viewer } from '@sbor/core';
import type { UsersContext } from './context.js';
import { recordingAccountMail } from './domain/account-mail.js';
import { Accounts } from './domain/accounts.js';
import { inMemoryUsersRepositories, plainPasswordHasher } from './domain/in-memory.js';
import { loadKeyRing } from './domain/key-ring.js';
import { createRateLimits, type RateLimitSettings } from './domain/rate-limits.js';
import { Sessions } from './domain/sessions.js';
import { createUserLoader } from './loaders.js';

const logger = createLogger('users-spec', 'silent');

/** Low enough on login to reach in a test, high elsewhere so limits never decide another rule's test. */
export const SPEC_LIMITS: RateLimitSettings = {
  loginPerEmail: 3,
  loginPerIp: 1_000,
  loginPerAccount: 6,
  registerPerIp: 1_000,
  refreshPerIp: 1_000,
};

/** The client IP every spec request comes from unless a test says otherwise. */
export const SPEC_CLIENT_IP = '203.0.113.7';

/** What a client reads of a refusal. */
export interface Refusal {
  message: string;
  extensions: Record<string, unknown>;
}

export async function specUsers(limits: RateLimitSettings = SPEC_LIMITS) {
  const repositories = inMemoryUsersRepositories();
  const keys = await loadKeyRing(repositories.signingKeys, 'sbor-users', 'sbor-api');
  let factsWritten = 0;
  const mail = recordingAccountMail();
  const accounts = new Accounts(
    repositories.users,
    new Sessions(repositories.sessions, keys),
    plainPasswordHasher(),
    createRateLimits(createMemoryCache(), limits, logger),
    repositories.emailTokens,
    mail,
    () => factsWritten++,
  );
  const context = (viewer: Viewer | null, domain: Accounts = accounts, clientIp = SPEC_CLIENT_IP): UsersContext => ({
    viewer,
    requestId: randomUUID(),
    clientIp,
    logger,
    accounts: domain,
    userLoader: createUserLoader(domain),
  });
  /** Runs a resolver with this domain (or `domain`) behind it; errors reject, as graphql-js would see them. */
  const run = <T>(resolver: unknown, args: object, viewer: Viewer | null = null, domain?: Accounts, clientIp?: string): Promise<T> =>
    Promise.resolve().then(() => (resolver as (...a: unknown[]) => T | Promise<T>)({}, args, context(viewer, domain, clientIp), {}));
  return { memory: repositories.memory, keys, accounts, mail, context, run, factsWritten: () => factsWritten };
}

/** The refusal a promise ends in; fails the test if it succeeded. */
export async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => undefined,
    (reason: { message: string; extensions?: Record<string, unknown> }) => reason,
  );
  if (!error) throw new Error('expected a refusal, but it succeeded');
  return { message: error.message, extensions: error.extensions ?? {} };
}

/** A viewer as the server builds it from a verified access token. */
export const viewerOf = (userId: string, role: Viewer['role'] = 'USER'): Viewer => ({ userId, role, tokenId: randomUUID() });

/** Accounts that fail the test when touched: proves a resolver refused before the domain ran. */
export const untouchableAccounts = (): Accounts =>
  new Proxy({} as Accounts, {
    get: () => {
      throw new Error('the domain must not be reached');
    },
  });
