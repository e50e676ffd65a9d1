import { beforeEach, describe, expect, it } from 'vitest';
import { becomeOrganizer } from '../resolvers/Mutation/becomeOrganizer.js';
import { login } from '../resolvers/Mutation/login.js';
import { logout } from '../resolvers/Mutation/logout.js';
import { refreshToken } from '../resolvers/Mutation/refreshToken.js';
import { register } from '../resolvers/Mutation/register.js';
import { refusal, specUsers, viewerOf } from '../spec-support.js';
import { hashRefreshToken, type Session } from './sessions.js';

const PASSWORD = 'correct horse battery';
const SESSION_ENDED = { code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' };

let users: Awaited<ReturnType<typeof specUsers>>;
let first: Session;
beforeEach(async () => {
  users = await specUsers();
  first = await users.run<Session>(register, { input: { email: 'ann@example.com', password: PASSWORD, displayName: 'Ann' } });
});

const refresh = (token: string) => users.run<Session>(refreshToken, { refreshToken: token });
const familyOf = (token: string) => users.memory.families.get(users.memory.refreshTokens.get(hashRefreshToken(token))!.familyId)!;

describe('Mutation.refreshToken', () => {
  it('trades a live refresh token for a new pair for the same user', async () => {
    const next = await refresh(first.refreshToken);

    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect(next.user).toMatchObject({ id: first.user.id, email: 'ann@example.com' });
    expect(await users.keys.verify(next.accessToken)).toMatchObject({ userId: first.user.id });
    expect(familyOf(next.refreshToken)).toBe(familyOf(first.refreshToken));
  });

  it('carries the role the user has now, not the one the old token was issued with', async () => {
    await users.run(becomeOrganizer, {}, viewerOf(first.user.id));

    const next = await refresh(first.refreshToken);

    expect(next.user.role).toBe('ORGANIZER');
    expect(await users.keys.verify(next.accessToken)).toMatchObject({ role: 'ORGANIZER' });
  });

  it('treats a used token presented again as reuse, and ends the whole session', async () => {
    const next = await refresh(first.refreshToken);

    expect(await refusal(refresh(first.refreshToken))).toEqual({
      message: 'This refresh token was already used, so the session was ended to be safe. Sign in again.',
      extensions: SESSION_ENDED,
    });
    expect(await refusal(refresh(next.refreshToken))).toEqual({
      message: 'This session has ended. Sign in again.',
      extensions: SESSION_ENDED,
    });
    expect(familyOf(first.refreshToken)).toMatchObject({ revokedReason: 'refresh token reused' });
  });

  it('leaves the user’s other sessions alone when one is ended for reuse', async () => {
    const elsewhere = await users.run<Session>(login, { email: 'ann@example.com', password: PASSWORD });
    await refresh(first.refreshToken);
    await refusal(refresh(first.refreshToken));

    expect((await refresh(elsewhere.refreshToken)).user.id).toBe(first.user.id);
  });

  it('lets one of two concurrent refreshes of a token win, and counts the other as reuse', async () => {
    const answers = await Promise.allSettled([refresh(first.refreshToken), refresh(first.refreshToken)]);
    const winner = answers.find((a) => a.status === 'fulfilled');

    expect(answers.filter((a) => a.status === 'rejected')).toHaveLength(1);
    expect((await refusal(refresh(winner!.value.refreshToken))).extensions).toEqual(SESSION_ENDED);
  });

  it('refuses an expired token without ending the session', async () => {
    users.memory.refreshTokens.get(hashRefreshToken(first.refreshToken))!.expiresAt = new Date(Date.now() - 1000);

    expect(await refusal(refresh(first.refreshToken))).toEqual({
      message: 'The refresh token has expired. Sign in again.',
      extensions: SESSION_ENDED,
    });
    expect(familyOf(first.refreshToken).revokedAt).toBeNull();
  });

  it('refuses a token it never issued', async () => {
    expect(await refusal(refresh('sbr_rt_nonsense'))).toEqual({
      message: 'The refresh token is not valid. Sign in again.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' },
    });
  });
});

describe('Mutation.login', () => {
  const signIn = () => users.run<Session>(login, { email: 'ann@example.com', password: PASSWORD });

  it('never keeps more than MAX_SESSIONS_PER_USER sessions: one more sign-in ends the oldest, and it works', async () => {
    const second = await signIn();
    for (let n = 2; n < 20; n++) await signIn();
    const newest = await signIn(); // the 21st session family

    await expect(refresh(first.refreshToken)).rejects.toMatchObject({ extensions: SESSION_ENDED });
    expect((await refresh(second.refreshToken)).user.id).toBe(first.user.id);
    expect((await refresh(newest.refreshToken)).user.id).toBe(first.user.id);
    expect([...users.memory.families.values()].filter((f) => !f.revokedAt)).toHaveLength(20);
  });
});

describe('Mutation.logout', () => {
  it('ends the session, so no token of it refreshes any more', async () => {
    const next = await refresh(first.refreshToken);

    expect(await users.run(logout, { refreshToken: next.refreshToken })).toBe(true);

    expect((await refusal(refresh(next.refreshToken))).extensions).toEqual(SESSION_ENDED);
    expect(familyOf(next.refreshToken)).toMatchObject({ revokedReason: 'logout' });
  });

  it('ends the session whichever of its tokens is presented, a used one too', async () => {
    const next = await refresh(first.refreshToken);

    await users.run(logout, { refreshToken: first.refreshToken });

    expect((await refusal(refresh(next.refreshToken))).message).toBe('This session has ended. Sign in again.');
  });

  it('answers true for a token it does not know, and for a session already ended', async () => {
    expect(await users.run(logout, { refreshToken: 'sbr_rt_nonsense' })).toBe(true);
    await users.run(logout, { refreshToken: first.refreshToken });

    expect(await users.run(logout, { refreshToken: first.refreshToken })).toBe(true);
    expect(familyOf(first.refreshToken)).toMatchObject({ revokedReason: 'logout' });
  });
});
