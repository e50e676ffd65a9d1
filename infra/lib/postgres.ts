/** PostgreSQL: the machine's server (infra never starts it); infra creates the four databases. */
import postgres from 'postgres';
import { SERVICE_DATABASES, databaseUrl, postgresAdminUrl } from './config.js';
import { InfraError, log } from './log.js';
import { ensureServiceRole, rolePassword } from './postgres-roles.js';

export const POSTGRES_START_HINT =
  'start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
  '(or point PGADMIN_URL / TEST_POSTGRES_ADMIN_URL at a server you can create databases on)';

const ROLES_HINT = 'full mode needs an admin URL (PGADMIN_URL) of a role that may create roles and change owners, e.g. postgres';

/** Env variable → connection URL for each service database, e.g. DATABASE_URL_USERS. */
export type DatabaseUrls = Record<keyof typeof SERVICE_DATABASES, string>;

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/**
 * Checks the server answers and creates `sbor_users`, `sbor_events`, `sbor_tickets` and
 * `sbor_notifications` if missing. Safe to run concurrently (a lost creation race is fine).
 * With `serviceRoles` (full mode), each database gets its own owner role and the URLs connect as
 * it; without (the test run, whose tests make scratch databases), the URLs are the admin's.
 */
export async function ensurePostgres(adminUrl: string = postgresAdminUrl(), { serviceRoles = false } = {}): Promise<DatabaseUrls> {
  const sql = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    let existing: Set<string>;
    try {
      const rows = await sql<{ datname: string }[]>`select datname from pg_database`;
      existing = new Set(rows.map((row) => row.datname));
    } catch (error) {
      throw new InfraError(`postgres: not answering on ${redact(adminUrl)} (${(error as Error).message})`, POSTGRES_START_HINT);
    }
    const missing = Object.values(SERVICE_DATABASES).filter((name) => !existing.has(name));
    for (const name of missing) {
      try {
        await sql.unsafe(`create database "${name}"`);
      } catch (error) {
        // 42P04 duplicate_database / 23505: another process created it at the same moment.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
    log(
      missing.length
        ? `postgres: created ${missing.join(', ')}`
        : `postgres: ok, databases ${Object.values(SERVICE_DATABASES).join(', ')} exist`,
    );
  } finally {
    await sql.end({ timeout: 1 });
  }
  const urls = {} as DatabaseUrls;
  for (const [env, name] of Object.entries(SERVICE_DATABASES)) {
    urls[env as keyof DatabaseUrls] = serviceRoles
      ? await ensureServiceRole(adminUrl, name, name, rolePassword(name)).catch((error: Error) => {
          throw new InfraError(`postgres: could not make role ${name} own ${name} (${error.message})`, ROLES_HINT);
        })
      : databaseUrl(adminUrl, name);
  }
  if (serviceRoles) log(`postgres: roles ${Object.values(SERVICE_DATABASES).join(', ')} own their databases`);
  return urls;
}
