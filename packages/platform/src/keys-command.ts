/**
 * `npm run keys -- list | rotate <jwt|qr> | retire <jwt|qr> <kid>` (see key-commands.ts).
 *
 * Full mode (DATABASE_URL_USERS and DATABASE_URL_TICKETS set) writes to the services' databases
 * while they run. Embedded mode's data belongs to one process, so there it needs Sbor stopped: it
 * takes the data directory's lock, and the keys are read at the next start.
 */
import path from 'node:path';
import { databaseOnPglite, databaseOnPostgres, openEmbeddedPostgres, type Database } from '@sbor/db';
import { newQrKey, QR_KEY_ROTATION, qrKeyStore, ticketsSubgraph } from '@sbor/tickets';
import { ACCESS_KEY_ROTATION, accessKeyStore, newAccessTokenKey, usersSubgraph } from '@sbor/users';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './embedded-lock.js';
import { KeyCommandError, parseKeyCommand, runKeyCommand } from './key-commands.js';

export { KeyCommandError };

interface Opened {
  users: Database;
  tickets: Database;
  close(): Promise<void>;
}

async function open(env: NodeJS.ProcessEnv): Promise<Opened> {
  const usersUrl = env.DATABASE_URL_USERS;
  const ticketsUrl = env.DATABASE_URL_TICKETS;
  if (usersUrl || ticketsUrl) {
    if (!usersUrl || !ticketsUrl)
      throw new KeyCommandError('Set both DATABASE_URL_USERS and DATABASE_URL_TICKETS (full mode), or neither (embedded mode).');
    const users = databaseOnPostgres(usersUrl, { applicationName: 'sbor-keys' });
    const tickets = databaseOnPostgres(ticketsUrl, { applicationName: 'sbor-keys' });
    return { users, tickets, close: async () => void (await Promise.all([users.close(), tickets.close()])) };
  }
  const dataDir = env.DATA_DIR ?? '.data';
  if (dataDir === ':memory:') throw new KeyCommandError('DATA_DIR=:memory: keeps no keys to rotate.');
  let lock: DataDirLock;
  try {
    lock = await lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    throw new KeyCommandError(
      `${error.message.split('\n')[0]}\n  Embedded mode reads its keys at start: stop Sbor, run this again, then start it. (In full mode, replicas pick new keys up while running.)`,
    );
  }
  const pglite = await openEmbeddedPostgres(path.resolve(dataDir, 'pglite')).catch(async (error: unknown) => {
    await lock.release();
    throw error;
  });
  const database = databaseOnPglite(pglite);
  return {
    users: database,
    tickets: database,
    close: async () => {
      await pglite.close();
      await lock.release();
    },
  };
}

/** Runs `npm run keys` with these arguments and variables; returns the lines to print. */
export async function keysCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const command = parseKeyCommand(argv);
  const opened = await open(env);
  try {
    // A database Sbor has not started on yet gets its tables first.
    await opened.users.migrate({ migrationsFolder: usersSubgraph.migrations, schema: usersSubgraph.name });
    await opened.tickets.migrate({ migrationsFolder: ticketsSubgraph.migrations, schema: ticketsSubgraph.name });
    const lines = await runKeyCommand(command, {
      jwt: { store: accessKeyStore(opened.users.db), make: newAccessTokenKey, rotation: ACCESS_KEY_ROTATION, signs: 'access tokens' },
      qr: { store: qrKeyStore(opened.tickets.db), make: newQrKey, rotation: QR_KEY_ROTATION, signs: 'ticket codes' },
    });
    return lines;
  } finally {
    await opened.close();
  }
}
