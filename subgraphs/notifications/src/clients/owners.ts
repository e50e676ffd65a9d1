/**
 * What the notifications service asks the services that own events and users before it believes
 * a fact whose effect reaches people: is this event really cancelled, is this address really the
 * user's. Anyone who can write to a topic can write a fact; these answers cannot be forged that
 * way. Internal routes behind the router secret, bounded by a timeout; no answer throws
 * SERVICE_UNAVAILABLE, so the bus retries the fact.
 */
import { AppError, ErrorCode, HeaderNames } from '@sbor/core';
import type { InternalClientOptions } from './tickets.js';

export interface Owners {
  /** The event's status and organizer as the events service has them; null when it does not know the event. */
  event(id: string): Promise<{ status: string; organizerId: string } | null>;
  /** Whose account this address is, as the users service has it; null when nobody's. */
  userIdByEmail(email: string): Promise<string | null>;
  /** Whether the user's current address is verified, as the users service has it; null when it does not know the user. */
  emailVerified(userId: string): Promise<boolean | null>;
}

const unavailable = (service: string) => new AppError(ErrorCode.SERVICE_UNAVAILABLE, `The ${service} service did not answer in time.`);

async function ask(url: string, init: RequestInit, secret: string, timeoutMs: number, service: string): Promise<unknown> {
  try {
    const response = await fetch(url, {
      ...init,
      headers: { ...init.headers, [HeaderNames.routerSecret]: secret, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw unavailable(service);
    }
    return await response.json();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unavailable(service);
  }
}

export function createOwners(options: { events: InternalClientOptions; users: InternalClientOptions }): Owners {
  const base = (o: InternalClientOptions) => o.baseUrl.replace(/\/+$/, '');
  return {
    async event(id) {
      const { events } = options;
      const answer = (await ask(
        `${base(events)}/internal/events/${encodeURIComponent(id)}`,
        {},
        events.routerSecret,
        events.timeoutMs,
        'events',
      )) as {
        status?: unknown;
        organizerId?: unknown;
      } | null;
      if (answer === null) return null;
      if (typeof answer.status !== 'string' || typeof answer.organizerId !== 'string') throw unavailable('events');
      return { status: answer.status, organizerId: answer.organizerId };
    },
    async userIdByEmail(email) {
      const { users } = options;
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) };
      const answer = (await ask(`${base(users)}/internal/users/by-email`, init, users.routerSecret, users.timeoutMs, 'users')) as {
        id?: unknown;
      } | null;
      if (answer === null) return null;
      if (typeof answer.id !== 'string') throw unavailable('users');
      return answer.id;
    },
    async emailVerified(userId) {
      const { users } = options;
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: [userId] }) };
      const answer = (await ask(`${base(users)}/internal/users/names`, init, users.routerSecret, users.timeoutMs, 'users')) as {
        users?: { id?: unknown; emailVerified?: unknown }[];
      } | null;
      if (!Array.isArray(answer?.users)) throw unavailable('users');
      const user = answer.users.find((u) => u.id === userId);
      if (!user) return null;
      if (typeof user.emailVerified !== 'boolean') throw unavailable('users');
      return user.emailVerified;
    },
  };
}
