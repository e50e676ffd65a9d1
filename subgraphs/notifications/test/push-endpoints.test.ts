/**
 * Issue 16, at registration: the service runs with the production push network (no test widening),
 * and endpoints that would make it reach into its own network are refused through GraphQL.
 * Nothing here opens a connection to any of those addresses: the refusal comes before.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushSubscriptions } from '../src/db/index.js';
import { startHarness, type Harness } from './support.js';

const REGISTER = 'mutation($input: PushSubscriptionInput!) { registerPushSubscription(input: $input) }';
const keys = { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: randomBytes(16).toString('base64url') };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function register(endpoint: string) {
  const userId = randomUUID();
  const answer = await h.gql(REGISTER, { input: { endpoint, keys } }, await h.token(userId));
  const stored = await h.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
  return { answer, stored };
}

describe('Mutation.registerPushSubscription (public https endpoints only)', () => {
  it.each([
    'https://127.0.0.1/push/1',
    'https://127.0.0.1:8084/graphql',
    'https://[::1]/push/1',
    'https://[::ffff:127.0.0.1]/push/1',
    'https://[::ffff:7f00:1]/push/1',
    'https://169.254.169.254/latest/meta-data/',
    'https://[fe80::1]/push/1',
    'https://10.0.0.1/push/1',
    'https://192.168.1.1/push/1',
    'https://100.64.0.1/push/1',
    'https://[fd00::1]/push/1',
    'https://0.0.0.0/push/1',
    'https://2130706433/push/1', // 127.0.0.1, as the URL parser reads it
  ])('refuses %s with ENDPOINT_NOT_PUBLIC and stores nothing', async (endpoint) => {
    const { answer, stored } = await register(endpoint);

    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endpoint', reason: 'ENDPOINT_NOT_PUBLIC' });
    expect(stored).toEqual([]);
  });

  it('refuses a host name that resolves to a loopback address', async () => {
    const { answer, stored } = await register('https://localhost/push/1');

    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ENDPOINT_NOT_PUBLIC' });
    expect(stored).toEqual([]);
  });

  it.each(['http://127.0.0.1:8084/push/1', 'http://localhost/push/1', 'http://push.example.com/push/1'])(
    'refuses %s: http, loopback or not',
    async (endpoint) => {
      const { answer, stored } = await register(endpoint);

      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endpoint' });
      expect(stored).toEqual([]);
    },
  );

  it('stores a public https endpoint', async () => {
    const { answer, stored } = await register('https://[2a00:1450:4001:80e::200a]/fcm/send/abc');

    expect(answer).toMatchObject({ data: { registerPushSubscription: true } });
    expect(stored.map((s) => s.endpoint)).toEqual(['https://[2a00:1450:4001:80e::200a]/fcm/send/abc']);
  });
});
