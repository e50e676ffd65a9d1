/**
 * One login role per service database (`sbor_users` owns `sbor_users`, …): a service connects as
 * its own role, owns only its own database and cannot connect to another's; nothing connects as
 * the superuser. docker compose does the same in `postgres/init.sh`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { RUN_DIR, databaseUrl } from './config.js';

/** Role passwords of this machine's full mode, made once and kept (gitignored). */
const PASSWORDS_FILE = join(RUN_DIR, 'postgres-roles.json');

/** The role's password: the one kept from an earlier run, else a new URL-safe one. */
export function rolePassword(role: string, file = PASSWORDS_FILE): string {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const kept = read();
  if (kept[role]) return kept[role];
  mkdirSync(RUN_DIR, { recursive: true });
  // Hex, so it goes into a URL as is.
  writeFileSync(file, `${JSON.stringify({ ...kept, [role]: randomBytes(24).toString('hex') }, null, 2)}\n`, { mode: 0o600 });
  return read()[role]!;
}

/** Error codes of a creation another process won at the same moment. */
const RACE = new Set(['42710', '42P04', '23505']);
const ignoreRace = (error: unknown) => {
  if (!RACE.has((error as { code?: string }).code ?? '')) throw error;
};

/**
 * Makes `role` a login role with `password`, the owner of `database` (which must exist) and of
 * everything in it, and the only non-superuser allowed to connect to it. Idempotent.
 */
export async function ensureServiceRole(adminUrl: string, database: string, role: string, password: string): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_roles where rolname = ${role}`;
    if (!exists) await admin.unsafe(`create role "${role}" login`).catch(ignoreRace);
    await admin.unsafe(`alter role "${role}" login nosuperuser nocreatedb nocreaterole password '${password.replaceAll("'", "''")}'`);
    await admin.unsafe(`alter database "${database}" owner to "${role}"`);
    await admin.unsafe(`revoke all on database "${database}" from public`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  await adoptObjects(databaseUrl(adminUrl, database), role);
  const url = new URL(databaseUrl(adminUrl, database));
  url.username = role;
  url.password = password;
  return url.toString();
}

/**
 * Databases made before roles existed hold the superuser's schemas, tables, sequences, enums and
 * functions, which the service could no longer migrate or write; they pass to the role.
 */
async function adoptObjects(url: string, role: string): Promise<void> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    const schemas = await sql<{ name: string }[]>`
      select quote_ident(nspname) as name from pg_namespace
      where nspname !~ '^pg_' and nspname not in ('information_schema', 'public')
        and nspowner <> (select oid from pg_roles where rolname = ${role})`;
    const owned = await sql<{ statement: string }[]>`
      select format('alter %s %s owner to %I',
               case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end,
               c.oid::regclass, ${role}::text) as statement
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
         and c.relkind in ('r', 'p', 'v', 'm', 'S')
         -- Identity and serial sequences follow their table.
         and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i') and c.relkind = 'S')
         and pg_get_userbyid(c.relowner) <> ${role}
      union all
      select format('alter type %s owner to %I', t.oid::regtype, ${role}::text)
        from pg_type t join pg_namespace n on n.oid = t.typnamespace
       where n.nspname !~ '^pg_' and n.nspname <> 'information_schema' and t.typtype = 'e'
         and pg_get_userbyid(t.typowner) <> ${role}
      union all
      select format('alter function %s owner to %I', p.oid::regprocedure, ${role}::text)
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
         and pg_get_userbyid(p.proowner) <> ${role}`;
    for (const { name } of schemas) await sql.unsafe(`alter schema ${name} owner to "${role}"`);
    for (const { statement } of owned) await sql.unsafe(statement);
  } finally {
    await sql.end({ timeout: 1 });
  }
}
