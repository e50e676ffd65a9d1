import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, postgresAdminUrl } from '../lib/config.js';
import { ensureServiceRole } from '../lib/postgres-roles.js';

const suffix = randomBytes(4).toString('hex');
const own = `sbor_roles_own_${suffix}`;
const other = `sbor_roles_other_${suffix}`;
const password = randomBytes(16).toString('hex');
const admin = postgres(postgresAdminUrl(), { max: 1, onnotice: () => {} });
let ownUrl: string;

beforeAll(async () => {
  for (const name of [own, other]) await admin.unsafe(`create database "${name}"`);
  // A database made before roles existed: the superuser owns its schema, enum, table and function.
  const legacy = postgres(databaseUrl(postgresAdminUrl(), own), { max: 1, onnotice: () => {} });
  await legacy.unsafe(`
    create schema things;
    create type things.kind as enum ('A', 'B');
    create table things.thing (id int generated always as identity primary key, kind things.kind not null);
    create function things.ok() returns boolean language sql as 'select true';`);
  await legacy.end();
  ownUrl = await ensureServiceRole(postgresAdminUrl(), own, own, password);
  await ensureServiceRole(postgresAdminUrl(), other, other, password);
});

afterAll(async () => {
  for (const name of [own, other]) {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`drop role if exists "${name}"`);
  }
  await admin.end();
});

describe('ensureServiceRole (infra:up, full mode)', () => {
  it('gives a URL that connects as the service role, never as the superuser', async () => {
    expect(new URL(ownUrl).username).toBe(own);
    const sql = postgres(ownUrl, { max: 1, onnotice: () => {} });
    try {
      const [me] = await sql<
        { user: string; superuser: string }[]
      >`select current_user as user, current_setting('is_superuser') as superuser`;
      expect(me).toEqual({ user: own, superuser: 'off' });
    } finally {
      await sql.end();
    }
  });

  it('lets the role migrate and write what the superuser made there before', async () => {
    const sql = postgres(ownUrl, { max: 1, onnotice: () => {} });
    try {
      await sql`insert into things.thing (kind) values ('A')`;
      await sql.unsafe(`alter table things.thing add column note text; create schema own_migrations; select things.ok()`);
      expect(await sql`select kind from things.thing`).toEqual([{ kind: 'A' }]);
    } finally {
      await sql.end();
    }
  });

  it('never lets the role connect to another service database', async () => {
    const url = new URL(ownUrl);
    url.pathname = `/${other}`;
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await expect(sql`select 1`).rejects.toMatchObject({ code: '42501' });
    } finally {
      await sql.end();
    }
  });

  it('is idempotent: a second run keeps the role, its objects and its password', async () => {
    expect(await ensureServiceRole(postgresAdminUrl(), own, own, password)).toBe(ownUrl);
  });
});
