import { fileURLToPath } from 'node:url';
import { defineSubgraph, keyReloadPart, outboxRelayPart, serviceOutboxRelay } from '@sbor/kit';
import { usersSettings } from './config.js';
import { usersRetentionPart } from './db/queries/retention.js';
import type { UsersContext } from './context.js';
import { outbox } from './db/outbox.js';
import { usersRepositories } from './db/repositories.js';
import { Accounts } from './domain/accounts.js';
import { KEY_RELOAD_MS, loadKeyRing } from './domain/key-ring.js';
import { createPasswordHasher } from './domain/passwords.js';
import { createRateLimits } from './domain/rate-limits.js';
import { registerInternalUserRoutes } from './http/internal-users.js';
import { jwksRoute } from './http/jwks.js';
import { Sessions } from './domain/sessions.js';
import { createUserLoader } from './loaders.js';
import { smtpAccountMail } from './mail/smtp-account-mail.js';
import { resolvers } from './resolvers/index.js';

/**
 * The users subgraph: accounts, sessions of rotating refresh tokens, and the keys that sign access
 * tokens. It serves those keys at /.well-known/jwks.json for the router and the other subgraphs,
 * verifies tokens with its own key ring (it is the issuer), relays `user.registered` and
 * `user.email_verified`, and sends the account emails (verification, password reset) itself.
 */
export const usersSubgraph = defineSubgraph({
  name: 'users',
  schema: fileURLToPath(new URL('../schema.graphql', import.meta.url)),
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: usersSettings,
  // Rate limits count attempts in the cache, so every replica counts the same ones.
  usesCache: true,
  resolvers,
  async setup({ settings, infra, metrics }) {
    const { db } = infra.database;
    const repositories = usersRepositories(db, { maxSessionsPerUser: settings.maxSessionsPerUser });
    const keys = await loadKeyRing(repositories.signingKeys, settings.issuer, settings.audience);
    const relay = serviceOutboxRelay(outbox, infra, settings, metrics);
    const accounts = new Accounts(
      repositories.users,
      new Sessions(repositories.sessions, keys),
      createPasswordHasher(settings.argon2MemoryKib),
      createRateLimits(infra.cache, settings.rateLimits, infra.logger),
      repositories.emailTokens,
      smtpAccountMail(settings.mail, infra.logger),
      () => relay.wake(),
    );
    return { keys, relay, accounts };
  },
  parts: (domain, { settings, infra }) => [
    outboxRelayPart(domain.relay),
    usersRetentionPart(infra.database.db, infra.logger, settings.retention),
    keyReloadPart(domain.keys, KEY_RELOAD_MS, infra.logger),
  ],
  context: (domain, base): UsersContext => ({ ...base, accounts: domain.accounts, userLoader: createUserLoader(domain.accounts) }),
  routes:
    (domain, { settings, infra }) =>
    (app) => {
      jwksRoute(domain.keys)(app);
      registerInternalUserRoutes(app, { routerSecret: settings.routerSecret, accounts: domain.accounts, logger: infra.logger });
    },
  verifyToken: (domain) => domain.keys.verify,
});
