import { createDecipheriv, createECDH, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@sbor/testing';
import { deliveries, notifications, pushSubscriptions } from '../src/db/index.js';
import { notificationsRepositories } from '../src/db/repositories.js';
import { resolveVapidKeys } from '../src/delivery/push.js';
import { PUBLIC_INTERNET } from '../src/delivery/push-network.js';
import { facts, startHarness, type Harness } from './support.js';
import { selfSignedCertificate } from './tls.js';

interface PushRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A stand-in push service over HTTPS (push endpoints are https only): records each request and
 * answers 201, or what `statusFor` says for a path.
 */
async function startPushService(tls: { key: string; cert: string }) {
  const requests: PushRequest[] = [];
  const statusFor = new Map<string, number>();
  const server = https.createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = statusFor.get(req.url ?? '') ?? 201;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { base, requests, statusFor, close };
}

/** A browser's side of a push subscription: its P-256 key pair and auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
}

/** RFC 8291 / 8188 (aes128gcm), as a browser decrypts a push message; proves the payload is encrypted for it. */
function decrypt(body: Buffer, browser: ReturnType<typeof browserKeys>): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = browser.ecdh.computeSecret(serverPublic);
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), browser.ecdh.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, browser.auth, info, 32));
  const key = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', key, nonce);
  decipher.setAuthTag(ciphertext.subarray(-16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
  return padded.subarray(0, padded.lastIndexOf(2)).toString('utf8');
}

let push: Awaited<ReturnType<typeof startPushService>>;
let h: Harness;
beforeAll(async () => {
  const tls = selfSignedCertificate();
  push = await startPushService(tls);
  // The stand-in lives on loopback, which production never reaches: this network allows exactly
  // 127.0.0.1 and trusts its certificate (test/push-endpoints.test.ts runs the production one).
  h = await startHarness({}, { pushNetwork: { ...PUBLIC_INTERNET, allows: (address) => address === '127.0.0.1', ca: tls.cert } });
});
afterAll(async () => {
  await h?.stop();
  await push?.close();
});

async function registerBrowser(userId: string, path: string) {
  const token = await h.token(userId);
  const browser = browserKeys();
  const registered = await h.gql(
    'mutation($input: PushSubscriptionInput!) { registerPushSubscription(input: $input) }',
    { input: { endpoint: `${push.base}${path}`, keys: browser.keys } },
    token,
  );
  expect(registered.data).toEqual({ registerPushSubscription: true });
  await h.gql('mutation { updateNotificationPreferences(input: { push: true }) { push } }', {}, token);
  return browser;
}

describe('web push delivery (local push service)', () => {
  it('sends the notification encrypted for the browser, with VAPID and TTL headers', async () => {
    const userId = randomUUID();
    const path = `/push/${randomUUID()}`;
    const browser = await registerBrowser(userId, path);
    const { data } = await h.gql<{ webPushPublicKey: string }>('{ webPushPublicKey }');
    await h.publish('order.paid', facts.orderPaid({ buyer_id: userId }));

    const request = await waitFor(() => push.requests.find((r) => r.path === path), 15_000, 'the push request');
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    expect(request.headers['content-type']).toBe('application/octet-stream');
    expect(Number(request.headers.ttl)).toBeGreaterThan(0);
    expect(request.headers.authorization).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${data!.webPushPublicKey}$`));
    expect(request.body.toString('utf8')).not.toContain('ticket');
    const payload = JSON.parse(decrypt(request.body, browser)) as { type: string; title: string };
    expect(payload).toMatchObject({ type: 'ORDER_PAID', title: 'Your tickets are ready' });
  });

  it('deletes a subscription the push service reports gone (410)', async () => {
    const userId = randomUUID();
    const path = `/push/${randomUUID()}`;
    push.statusFor.set(path, 410);
    await registerBrowser(userId, path);
    const endpoint = `${push.base}${path}`;
    expect(await h.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint))).toHaveLength(1);
    await h.publish('order.paid', facts.orderPaid({ buyer_id: userId }));

    await waitFor(() => push.requests.some((r) => r.path === path), 15_000, 'the push attempt');
    await waitFor(
      async () => (await h.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint))).length === 0,
      5_000,
      'the deletion',
    );
    expect(push.requests.filter((r) => r.path === path)).toHaveLength(1);
    // Its pending deliveries went with it, so nothing retries against the dead endpoint.
    const [notification] = await h.db.select().from(notifications).where(eq(notifications.userId, userId));
    expect(await h.db.select().from(deliveries).where(eq(deliveries.notificationId, notification!.id))).toEqual([]);
  });

  it('refuses a push endpoint that is not https, loopback included', async () => {
    const answer = await h.gql(
      'mutation($input: PushSubscriptionInput!) { registerPushSubscription(input: $input) }',
      { input: { endpoint: push.base.replace('https:', 'http:') + '/x', keys: browserKeys().keys } },
      await h.token(randomUUID()),
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('generates the VAPID key pair once and keeps it; configured keys win', async () => {
    const subject = 'mailto:ops@sbor.test';
    const { vapidKeys } = notificationsRepositories(h.db);
    const first = await resolveVapidKeys(vapidKeys, { kind: 'generated', subject });
    const again = await resolveVapidKeys(vapidKeys, { kind: 'generated', subject });
    expect(again).toEqual(first);
    const { data } = await h.gql<{ webPushPublicKey: string }>('{ webPushPublicKey }');
    expect(data?.webPushPublicKey).toBe(first.publicKey);
    const configured = { kind: 'configured' as const, publicKey: 'pub', privateKey: 'priv', subject };
    expect(await resolveVapidKeys(vapidKeys, configured)).toEqual(configured);
  });
});

describe('Mutation.registerPushSubscription (limits)', () => {
  const REGISTER = 'mutation($input: PushSubscriptionInput!) { registerPushSubscription(input: $input) }';
  const endpointsOf = async (userId: string) =>
    (await h.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId))).map((s) => s.endpoint).sort();

  it('keeps MAX_PUSH_SUBSCRIPTIONS_PER_USER (10): the 11th browser replaces the least recently registered', async () => {
    const userId = randomUUID();
    const paths = Array.from({ length: 11 }, () => `/push/${randomUUID()}`);
    for (const path of paths) await registerBrowser(userId, path);

    expect(await endpointsOf(userId)).toEqual(
      paths
        .slice(1)
        .map((p) => `${push.base}${p}`)
        .sort(),
    );
  });

  it('never hands another user’s endpoint over: ENDPOINT_TAKEN', async () => {
    const [ann, bob] = [randomUUID(), randomUUID()];
    const path = `/push/${randomUUID()}`;
    await registerBrowser(ann, path);

    const taken = await h.gql(REGISTER, { input: { endpoint: `${push.base}${path}`, keys: browserKeys().keys } }, await h.token(bob));

    expect(taken.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endpoint', reason: 'ENDPOINT_TAKEN' });
    expect(await endpointsOf(ann)).toEqual([`${push.base}${path}`]);
    expect(await endpointsOf(bob)).toEqual([]);
  });
});
