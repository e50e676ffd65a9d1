import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JWKS_REFETCH_COOLDOWN_MS } from '@sbor/auth';
import { databaseOnPostgres, type Database } from '@sbor/db';
import { createScratchDatabase, type ScratchDatabase } from '@sbor/testing';
import { accessKeyStore } from '../src/db/signing-keys.js';
import { ACCESS_KEY_ROTATION, KEY_RELOAD_MS, loadKeyRing, newAccessTokenKey, type KeyRing } from '../src/domain/key-ring.js';

/** Two replicas of the users service (a pool and a key ring each) over one database. */
let scratch: ScratchDatabase;
let databases: Database[];
let replicas: KeyRing[];
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase('users_key_rotation');
  databases = [0, 1].map((i) => databaseOnPostgres(scratch.url, { max: 3, applicationName: `users-key-rotation-${i}` }));
  await databases[0]!.migrate({ migrationsFolder: new URL('../migrations', import.meta.url).pathname, schema: 'users' });
  replicas = await Promise.all(databases.map((d) => loadKeyRing(accessKeyStore(d.db), 'sbor-users', 'sbor-api')));
});

afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
  await Promise.all((databases ?? []).map((d) => d.close()));
  await scratch?.drop();
});

const HOUR = 3_600_000;
const store = () => accessKeyStore(databases[0]!.db);
const tokenOf = (ring: KeyRing) => ring.sign({ userId: randomUUID(), role: 'USER' });
const kidOf = (token: string) => decodeProtectedHeader(token).kid;

describe('access-token key rotation', () => {
  it('activates a new key only after every verifier can have fetched it', () => {
    // A verifier that missed the key refetches after its cooldown; replicas re-read on their timer.
    expect(ACCESS_KEY_ROTATION.activationDelayMs).toBeGreaterThan(JWKS_REFETCH_COOLDOWN_MS);
    expect(ACCESS_KEY_ROTATION.activationDelayMs).toBeGreaterThan(KEY_RELOAD_MS);
    expect(ACCESS_KEY_ROTATION.graceMs).toBeGreaterThan(15 * 60_000);
  });

  it('publishes the next key at once and keeps signing with the current one until it activates', async () => {
    const [a] = replicas;
    const current = kidOf(await tokenOf(a!));
    const next = await store().rotate(await newAccessTokenKey(), { activationDelayMs: HOUR, graceMs: HOUR });
    await a!.reload();
    expect(a!.jwks().keys.map((k) => k.kid)).toEqual(expect.arrayContaining([current, next.kid]));
    expect(kidOf(await tokenOf(a!))).toBe(current);
    // Withdrawn again for the tests below.
    await store().retire(next.kid, 0, newAccessTokenKey);
    await a!.reload();
  });

  it('reaches a running replica without a restart, and the other verifies its tokens at once', async () => {
    const [a, b] = replicas;
    stops.push(b!.watch(100, (error) => expect.fail(String(error))));
    const next = await store().rotate(await newAccessTokenKey(), { activationDelayMs: 0, graceMs: HOUR });
    await vi.waitFor(async () => expect(kidOf(await tokenOf(b!))).toBe(next.kid), { timeout: 10_000, interval: 200 });
    // Replica a has not re-read its keys: it learns the new kid from the store when a token names it.
    expect(await a!.verify(await tokenOf(b!))).toMatchObject({ role: 'USER' });
  });

  it('stops verifying the tokens of a key retired without grace, and signs with a fresh one', async () => {
    const [a, b] = replicas;
    const token = await tokenOf(b!);
    const leaked = kidOf(token)!;
    await store().retire(leaked, 0, newAccessTokenKey);
    await vi.waitFor(async () => expect(kidOf(await tokenOf(b!))).not.toBe(leaked), { timeout: 10_000, interval: 200 });
    expect(b!.jwks().keys.map((k) => k.kid)).not.toContain(leaked);
    await expect(b!.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await a!.reload();
    await expect(a!.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(await a!.verify(await tokenOf(b!))).toMatchObject({ role: 'USER' });
  });
});
