import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseInput, type Viewer } from '@sbor/core';
import { updateNotificationPreferences } from '../resolvers/Mutation/updateNotificationPreferences.js';
import { inMemoryNotificationsRepositories } from './in-memory.js';
import { applyPreferencesChange, DEFAULT_PREFERENCES, planChannels, Preferences } from './preferences.js';
import { pushSubscriptionInput } from './validation.js';

describe('DEFAULT_PREFERENCES', () => {
  it('has in-app and email on, push off and nothing muted', () => {
    expect(DEFAULT_PREFERENCES).toEqual({ inApp: true, email: true, push: false, mutedTypes: [] });
  });
});

describe('planChannels', () => {
  it('follows each channel switch', () => {
    expect(planChannels(DEFAULT_PREFERENCES, 'TICKET_PURCHASED')).toEqual({ inApp: true, email: true, push: false });
    expect(planChannels({ ...DEFAULT_PREFERENCES, push: true, email: false }, 'EVENT_REMINDER')).toEqual({
      inApp: true,
      email: false,
      push: true,
    });
  });

  it('sends a muted type nowhere at all', () => {
    expect(planChannels({ ...DEFAULT_PREFERENCES, push: true, mutedTypes: ['EVENT_REMINDER'] }, 'EVENT_REMINDER')).toBeNull();
    expect(planChannels({ ...DEFAULT_PREFERENCES, mutedTypes: ['EVENT_REMINDER'] }, 'EVENT_CANCELLED')).not.toBeNull();
  });

  it('with in-app off still emails and pushes where enabled', () => {
    expect(planChannels({ ...DEFAULT_PREFERENCES, inApp: false, push: true }, 'EVENT_CANCELLED')).toEqual({
      inApp: false,
      email: true,
      push: true,
    });
  });

  it('with every channel off plans nothing', () => {
    expect(planChannels({ inApp: false, email: false, push: false, mutedTypes: [] }, 'EVENT_CANCELLED')).toBeNull();
  });
});

describe('applyPreferencesChange', () => {
  it('keeps omitted and null fields and replaces the muted list, once each, in enum order', () => {
    const next = applyPreferencesChange(DEFAULT_PREFERENCES, {
      push: true,
      email: null,
      mutedTypes: ['EVENT_REMINDER', 'TICKET_PURCHASED', 'EVENT_REMINDER'],
    });
    expect(next).toEqual({ inApp: true, email: true, push: true, mutedTypes: ['TICKET_PURCHASED', 'EVENT_REMINDER'] });
    expect(applyPreferencesChange(next, { mutedTypes: [] }).mutedTypes).toEqual([]);
  });
});

const person = (): Viewer => ({ userId: randomUUID(), role: 'USER', tokenId: randomUUID() });

let repositories: ReturnType<typeof inMemoryNotificationsRepositories>;
let preferences: Preferences;

/** Endpoints on this host stand for ones that resolve to a private address. */
const PRIVATE_HOST = 'push.internal.example';

beforeEach(() => {
  repositories = inMemoryNotificationsRepositories();
  preferences = new Preferences(repositories, {
    vapidPublicKey: 'BPublicKey',
    maxPushSubscriptionsPerUser: 3,
    pushEndpointAllowed: (endpoint) => Promise.resolve(new URL(endpoint).hostname !== PRIVATE_HOST),
  });
});

describe('Query.notificationPreferences', () => {
  it('gives someone who never changed anything the defaults', async () => {
    expect(await preferences.of(person())).toEqual({ inApp: true, email: true, push: false, mutedTypes: [] });
  });

  it("shows each user their own preferences, not someone else's", async () => {
    const [ann, bob] = [person(), person()];
    await preferences.update(ann, { email: false, mutedTypes: ['EVENT_REMINDER'] });

    expect(await preferences.of(ann)).toEqual({ inApp: true, email: false, push: false, mutedTypes: ['EVENT_REMINDER'] });
    expect(await preferences.of(bob)).toEqual(DEFAULT_PREFERENCES);
  });
});

describe('Mutation.updateNotificationPreferences', () => {
  it('changes only what is given and returns all of them; a later change keeps the earlier one', async () => {
    const owner = person();

    expect(await preferences.update(owner, { push: true })).toEqual({ inApp: true, email: true, push: true, mutedTypes: [] });
    expect(await preferences.update(owner, { mutedTypes: ['EVENT_REMINDER'], inApp: null })).toEqual({
      inApp: true,
      email: true,
      push: true,
      mutedTypes: ['EVENT_REMINDER'],
    });
    expect(await preferences.of(owner)).toEqual({ inApp: true, email: true, push: true, mutedTypes: ['EVENT_REMINDER'] });
  });

  it('refuses an anonymous caller before looking at the input, and bad input before the domain runs', async () => {
    const reached = new Error('the domain must not be reached');
    const untouchable = new Proxy({} as Preferences, {
      get: () => {
        throw reached;
      },
    });
    const call = (viewer: Viewer | null, input: unknown) =>
      Promise.resolve()
        .then(() =>
          (updateNotificationPreferences as (...args: unknown[]) => unknown)({}, { input }, { preferences: untouchable, viewer }, {}),
        )
        .then(
          () => undefined,
          (error: { extensions?: Record<string, unknown> }) => error.extensions,
        );

    expect(await call(null, { mutedTypes: ['NOT_A_TYPE'] })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await call(person(), { mutedTypes: ['NOT_A_TYPE'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mutedTypes.0' });
  });
});

describe('Mutation.registerPushSubscription', () => {
  const browser = (endpoint: string) =>
    parseInput(pushSubscriptionInput, {
      endpoint,
      keys: { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16, 1).toString('base64url') },
    });

  const endpoints = async (userId: string) => (await repositories.pushSubscriptions.of([userId])).map((s) => s.endpoint).sort();

  it('never hands an endpoint registered by another user over: ENDPOINT_TAKEN on endpoint', async () => {
    const [ann, bob] = [person(), person()];
    expect(await preferences.registerPush(ann, browser('https://push.example.com/1'))).toBe(true);
    await expect(preferences.registerPush(bob, browser('https://push.example.com/1'))).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'endpoint', reason: 'ENDPOINT_TAKEN' },
    });
    expect(await endpoints(ann.userId)).toEqual(['https://push.example.com/1']);
    expect(await endpoints(bob.userId)).toEqual([]);
  });

  it('refuses an endpoint on a private address with ENDPOINT_NOT_PUBLIC and stores nothing', async () => {
    const ann = person();
    await expect(preferences.registerPush(ann, browser(`https://${PRIVATE_HOST}/1`))).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'endpoint', reason: 'ENDPOINT_NOT_PUBLIC' },
    });
    expect(await endpoints(ann.userId)).toEqual([]);
  });

  it('keeps at most the limit per user: one more replaces the least recently registered', async () => {
    const ann = person();
    for (const n of [1, 2, 3]) await preferences.registerPush(ann, browser(`https://push.example.com/${n}`));
    await preferences.registerPush(ann, browser('https://push.example.com/1')); // renewing makes 1 the newest
    await preferences.registerPush(ann, browser('https://push.example.com/4'));
    expect(await endpoints(ann.userId)).toEqual(['https://push.example.com/1', 'https://push.example.com/3', 'https://push.example.com/4']);
  });
});

describe('Query.webPushPublicKey', () => {
  it('is the VAPID public key browsers subscribe with', () => {
    expect(preferences.webPushPublicKey()).toBe('BPublicKey');
  });
});
