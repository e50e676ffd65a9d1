import https from 'node:https';
import { isIP } from 'node:net';
import webpush, { type RequestDetails } from 'web-push';
import type { Notification } from '../domain/notification.js';
import type { VapidKeyRepository } from '../domain/repositories.js';
import { allowedAddresses, bareHost, EndpointNotAllowed, guardedLookup, PUBLIC_INTERNET, type PushNetwork } from './push-network.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export type VapidSettings =
  { kind: 'configured'; publicKey: string; privateKey: string; subject: string } | { kind: 'generated'; subject: string };

/** Configured keys win; otherwise the pair generated on the first start, stored so it never changes. */
export async function resolveVapidKeys(store: VapidKeyRepository, settings: VapidSettings): Promise<VapidKeys> {
  if (settings.kind === 'configured') return settings;
  const stored = await store.storeOnce(webpush.generateVAPIDKeys());
  return { ...stored, subject: settings.subject };
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** `gone`: the push service says the subscription no longer exists (404/410), so it is deleted. */
export type PushOutcome = 'sent' | 'gone';

export class PushServiceError extends Error {
  constructor(readonly status: number) {
    super(`push service answered ${status}`);
    this.name = 'PushServiceError';
  }
}

/** What the service worker receives: enough to show the notification and open the right page. */
export const pushPayload = (n: Notification) =>
  JSON.stringify({ id: n.id, type: n.type, title: n.title, body: n.body, eventId: n.eventId, ticketId: n.ticketId });

/** POSTs and answers the status; the body of the answer is read off and dropped. */
function post(url: URL, request: RequestDetails, agent: https.Agent, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = https.request(
      {
        hostname: bareHost(url),
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: request.headers,
        agent,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * web-push encrypts the payload (aes128gcm) and signs the VAPID JWT; the request goes out through
 * an agent that connects only to addresses `network` allows (issue 16: an endpoint is whatever a
 * client registered, so it must not reach into our own network). node:https never follows a
 * redirect, and a 3xx counts as a failed send: a redirect to an internal address is how an SSRF
 * guard that checks only the first hop is beaten.
 */
export function createPushSender(keys: VapidKeys, options: { timeoutMs?: number; ttlSeconds?: number; network?: PushNetwork } = {}) {
  const network = options.network ?? PUBLIC_INTERNET;
  const agent = new https.Agent({ keepAlive: true, lookup: guardedLookup(network), ...(network.ca ? { ca: network.ca } : {}) });
  return async (target: PushTarget, payload: string): Promise<PushOutcome> => {
    const request = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      payload,
      {
        vapidDetails: keys,
        TTL: options.ttlSeconds ?? 24 * 60 * 60,
      },
    );
    const url = new URL(request.endpoint);
    // Subscriptions stored before https was required may still hold an http endpoint.
    if (url.protocol !== 'https:') throw new EndpointNotAllowed(url.host, []);
    // The agent's lookup never runs for an IP literal, so a literal is checked here.
    if (isIP(bareHost(url))) await allowedAddresses(bareHost(url), network);
    const status = await post(url, request, agent, options.timeoutMs ?? 10_000);
    if (status === 404 || status === 410) return 'gone';
    if (status < 200 || status > 299) throw new PushServiceError(status);
    return 'sent';
  };
}

export type PushSender = ReturnType<typeof createPushSender>;
