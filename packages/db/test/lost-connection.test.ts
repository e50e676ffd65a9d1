import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../src/index.js';

/**
 * postgres.js 3.4.9 threw from a timer, where no caller can catch it, when a query was written on a
 * connection whose backend had died (porsager/postgres#1208): one database restart or failover
 * took the whole service process down. patches/postgres+3.4.9.patch, applied by `npm install`,
 * fails those queries instead. Without it this file ends with an uncaught TypeError.
 */
let scratch: ScratchDatabase;
let sql: postgres.Sql;
let admin: postgres.Sql;

beforeAll(async () => {
  scratch = await createScratchDatabase('sbor_lost_connection');
  sql = postgres(scratch.url, { max: 2, onnotice: () => {} });
  admin = postgres(scratch.url, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end({ timeout: 1 });
  await admin?.end({ timeout: 1 });
  await scratch?.drop();
});

const terminate = async (pid: number) => {
  await admin`select pg_terminate_backend(${pid})`;
  // Let the close reach the client before the next write.
  await new Promise((resolve) => setTimeout(resolve, 100));
};

describe('a PostgreSQL connection that dies', () => {
  it('fails the next query on it with CONNECTION_CLOSED instead of crashing the process', { timeout: 10_000 }, async () => {
    const reserved = await sql.reserve();
    try {
      const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await terminate(row!.pid);
      await expect(reserved`select 1`).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    } finally {
      reserved.release();
    }
  });

  it('fails a transaction whose connection dies, and the pool keeps serving', { timeout: 10_000 }, async () => {
    const transaction = sql.begin(async (tx) => {
      const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await terminate(row!.pid);
      await tx`select 1`;
    });
    await expect(transaction).rejects.toBeInstanceOf(Error);
    const [ok] = await sql<{ n: number }[]>`select 1 as n`;
    expect(ok!.n).toBe(1);
  });
});
