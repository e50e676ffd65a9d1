/**
 * Issue 16: a push endpoint is whatever a client registered, so the sender must never become a way
 * into our own network (SSRF). Real local servers: an HTTPS push service with a self-signed
 * certificate, and plain listeners standing for internal services that must hear nothing.
 */
import { createECDH, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { EndpointNotAllowed, PUBLIC_INTERNET, type PushNetwork } from '../src/delivery/push-network.js';
import { createPushSender, type PushTarget } from '../src/delivery/push.js';
import { selfSignedCertificate } from './tls.js';

/** A listener that counts every connection and request it gets: it must get none. */
async function startTrap(host: string, port = 0) {
  const seen = { connections: 0, requests: 0 };
  const server = http.createServer((_req, res) => {
    seen.requests += 1;
    res.end();
  });
  server.on('connection', () => (seen.connections += 1));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const close = () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => undefined);
  return { seen, port: (server.address() as AddressInfo).port, close };
}

/** The stand-in push service; `answer` decides each response. */
async function startPushService(tls: { key: string; cert: string }) {
  const seen = { connections: 0, requests: 0 };
  let answer: (res: http.ServerResponse) => void = (res) => {
    res.statusCode = 201;
    res.end();
  };
  const server = https.createServer(tls, (req, res) => {
    seen.requests += 1;
    req.resume();
    req.on('end', () => answer(res));
  });
  server.on('connection', () => (seen.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    seen,
    port: (server.address() as AddressInfo).port,
    answerWith: (next: typeof answer) => (answer = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@sbor.test' };
const browser = (endpoint: string): PushTarget => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { endpoint, p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
};

const tls = selfSignedCertificate(['localhost', 'push.test']);
let push: Awaited<ReturnType<typeof startPushService>>;
let internal: Awaited<ReturnType<typeof startTrap>>;
beforeAll(async () => {
  push = await startPushService(tls);
  internal = await startTrap('127.0.0.1');
});
afterAll(async () => {
  await push?.close();
  await internal?.close();
});

/** Only the push service's own address is allowed: the narrowest widening a local test can get by with. */
const onlyPushService = (overrides: Partial<PushNetwork> = {}): PushNetwork => ({
  allows: (address) => address === '127.0.0.1',
  resolve: PUBLIC_INTERNET.resolve,
  ca: tls.cert,
  ...overrides,
});

describe('push sender: redirects', () => {
  // A redirect is how a guard that vets only the first hop is beaten: the public endpoint answers
  // 307 with an internal Location, and a following client replays the POST there.
  it.each([301, 302, 303, 307, 308])('treats a %i as a failed send and never follows it to the internal listener', async (status) => {
    push.answerWith((res) => {
      res.writeHead(status, { location: `http://127.0.0.1:${internal.port}/latest/meta-data` });
      res.end();
    });
    // The internal listener's address is allowed too, so only not following the redirect keeps the request away.
    const send = createPushSender(vapid, { network: onlyPushService(), timeoutMs: 5_000 });

    const sent = send(browser(`https://127.0.0.1:${push.port}/push/${status}`), '{"title":"hi"}');

    await expect(sent).rejects.toMatchObject({ name: 'PushServiceError', status });
    expect(internal.seen).toEqual({ connections: 0, requests: 0 });
  });

  it('still sends, when the push service answers 201', async () => {
    push.answerWith((res) => {
      res.statusCode = 201;
      res.end();
    });
    const send = createPushSender(vapid, { network: onlyPushService() });
    expect(await send(browser(`https://127.0.0.1:${push.port}/push/ok`), '{}')).toBe('sent');
    expect(push.seen.requests).toBeGreaterThan(0);
  });
});

describe('push sender: addresses (production policy)', () => {
  it.each(['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]'])('refuses https://%s before opening any connection', async (host) => {
    const before = push.seen.connections;
    const send = createPushSender(vapid, { network: { ...PUBLIC_INTERNET, ca: tls.cert } });

    await expect(send(browser(`https://${host}:${push.port}/push/x`), '{}')).rejects.toBeInstanceOf(EndpointNotAllowed);
    expect(push.seen.connections).toBe(before);
  });

  it('refuses an http endpoint stored before https was required', async () => {
    const send = createPushSender(vapid);
    await expect(send(browser(`http://127.0.0.1:${internal.port}/push`), '{}')).rejects.toBeInstanceOf(EndpointNotAllowed);
    expect(internal.seen.requests).toBe(0);
  });
});

describe('push sender: DNS rebinding', () => {
  it('connects to the address it checked, though the name answers an internal one right after', async () => {
    // The same port on 127.0.0.2 stands for the internal service the name rebinds to.
    const rebound = await startTrap('127.0.0.2', push.port);
    const answers = ['127.0.0.1', '127.0.0.2'];
    let lookups = 0;
    const network = onlyPushService({
      resolve: () => Promise.resolve([{ address: answers[Math.min(lookups++, 1)]!, family: 4 }]),
    });
    push.answerWith((res) => {
      res.statusCode = 201;
      res.end();
    });
    try {
      const send = createPushSender(vapid, { network });

      expect(await send(browser(`https://push.test:${push.port}/push/rebind`), '{}')).toBe('sent');
      expect(lookups).toBe(1); // one answer, checked and connected to: no second lookup to rebind
      expect(rebound.seen).toEqual({ connections: 0, requests: 0 });
    } finally {
      await rebound.close();
    }
  });
});
