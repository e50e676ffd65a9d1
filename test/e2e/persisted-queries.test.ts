import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@sbor/platform';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function send(url: string, body: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as { data?: unknown; errors?: unknown };
}

// Embedded mode keeps each router's queries in its own memory (router/test/persisted-queries.test.ts).
describe('automatic persisted queries across router replicas (full mode)', () => {
  let platform: TestPlatform;
  let replicaUrl: string;

  beforeAll(async () => {
    platform = await startTestPlatform('full');
    replicaUrl = (await platform.addReplica()).routerUrl;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('a query registered through one replica runs by its hash alone on another, through Redis', async () => {
    const query = `query Anonymous${randomUUID().replaceAll('-', '')} { me { id } }`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };

    expect(await send(platform.routerUrl, { query, extensions: { persistedQuery } })).toEqual({ data: { me: null } });
    expect(await send(replicaUrl, { extensions: { persistedQuery } })).toEqual({ data: { me: null } });
  });
});
