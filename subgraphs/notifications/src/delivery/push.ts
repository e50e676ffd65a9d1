import webpush from 'web-push';
import type { Notification } from '../domain/notification.js';
import type { VapidKeyRepository } from '../domain/repositories.js';

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

/**
 * web-push encrypts the payload (aes128gcm) and signs the VAPID JWT; the request itself goes out
 * with fetch, which gives us a timeout and lets a local http stand-in act as the push service.
 */
export function createPushSender(keys: VapidKeys, options: { timeoutMs?: number; ttlSeconds?: number } = {}) {
  return async (target: PushTarget, payload: string): Promise<PushOutcome> => {
    const request = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      payload,
      {
        vapidDetails: keys,
        TTL: options.ttlSeconds ?? 24 * 60 * 60,
      },
    );
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: request.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.body?.cancel();
    if (response.status === 404 || response.status === 410) return 'gone';
    if (!response.ok) throw new PushServiceError(response.status);
    return 'sent';
  };
}

export type PushSender = ReturnType<typeof createPushSender>;
