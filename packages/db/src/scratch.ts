import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** Where test tooling connects to create databases: the local server's maintenance database. */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

/** Creates an empty, uniquely named database for one test file and drops it afterwards. */
export async function createScratchDatabase(
  prefix: string,
  adminUrl: string = process.env.TEST_POSTGRES_ADMIN_URL ?? DEFAULT_ADMIN_URL,
): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}
