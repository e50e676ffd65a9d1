import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { Cache } from '@sbor/cache';
import { createServiceMetrics, type Logger } from '@sbor/core';
import { startSubgraphServer, type RunningServer } from '@sbor/kit';
import type { Database } from '@sbor/db';
import { OutboxRelay, registerOutboxMetrics, type Bus } from '@sbor/messaging';
import { outbox } from './db/outbox.js';
import type { UsersSettings } from './config.js';
import type { UsersContext } from './context.js';
import { Accounts } from './domain/accounts.js';
import { loadKeyRing } from './domain/key-ring.js';
import { createPasswordHasher } from './domain/passwords.js';
import { createRateLimits } from './domain/rate-limits.js';
import { Sessions } from './domain/sessions.js';
import { createUserLoader } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const USERS_SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

export interface UsersDeps {
  database: Database;
  cache: Cache;
  /** Where the outbox relay publishes `user.registered`: Kafka in full mode, in-process embedded. */
  bus: Bus;
  logger: Logger;
}

/** Migrates, loads the signing keys and serves the users subgraph plus its JWKS. */
export async function startUsersService(settings: UsersSettings, deps: UsersDeps): Promise<RunningServer> {
  const { database, cache, bus, logger } = deps;
  await database.migrate({ migrationsFolder: MIGRATIONS, schema: 'users' });
  const keys = await loadKeyRing(database.db, settings.issuer, settings.audience);
  const sessions = new Sessions(database.db, keys);
  const accounts = new Accounts(
    database.db,
    sessions,
    createPasswordHasher(settings.argon2MemoryKib),
    createRateLimits(cache, settings.rateLimits, logger),
    () => relay.wake(),
  );
  const relay = new OutboxRelay({ db: database.db, table: outbox, bus, logger });
  const metrics = createServiceMetrics('users');
  registerOutboxMetrics(metrics, () => relay.backlog());
  const schema = buildSubgraphSchema([{ typeDefs: parse(readFileSync(USERS_SCHEMA_PATH, 'utf8')), resolvers: resolvers as never }]);

  relay.start();
  let server: RunningServer;
  try {
    server = await startSubgraphServer<UsersContext>(
    {
      name: 'users',
      schema,
      logger,
      routerSecret: settings.routerSecret,
      authenticate: keys.verify,
      context: (base) => ({ ...base, accounts, userLoader: createUserLoader(accounts) }),
      introspection: !settings.production,
      ready: () => database.ping(),
      metrics,
      routes: (app) => {
        app.get('/.well-known/jwks.json', (_req, res) => {
          res.set('cache-control', 'public, max-age=300').json(keys.jwks());
        });
      },
    },
      settings.port,
      settings.host,
    );
  } catch (error) {
    await relay.stop();
    throw error;
  }
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await relay.stop();
    },
  };
}
