import { beforeEach, describe, expect, it } from 'vitest';
import { login } from '../resolvers/Mutation/login.js';
import { refreshToken } from '../resolvers/Mutation/refreshToken.js';
import { register } from '../resolvers/Mutation/register.js';
import { requestEmailVerification } from '../resolvers/Mutation/requestEmailVerification.js';
import { requestPasswordReset } from '../resolvers/Mutation/requestPasswordReset.js';
import { resetPassword } from '../resolvers/Mutation/resetPassword.js';
import { verifyEmail } from '../resolvers/Mutation/verifyEmail.js';
import { me } from '../resolvers/Query/me.js';
import { User } from '../resolvers/User.js';
import { refusal, specUsers, viewerOf } from '../spec-support.js';
import type { Account } from './accounts.js';
import type { Session } from './sessions.js';

const PASSWORD = 'correct horse battery';

let users: Awaited<ReturnType<typeof specUsers>>;
beforeEach(async () => {
  users = await specUsers();
});

const signUp = (email = 'ann@example.com', password = PASSWORD, displayName = 'Ann') =>
  users.run<Session>(register, { input: { email, password, displayName } });
const tokenSentTo = (to: string, kind: 'verification' | 'passwordReset') =>
  users.mail.sent.findLast((m) => m.to === to && m.kind === kind)!.token!;
/** What the client sees of a session: its shape, and the fields a client reads of its user. */
const seen = (session: Session) => ({
  keys: Object.keys(session).sort(),
  user: {
    email: session.user.email,
    displayName: session.user.displayName,
    role: session.user.role,
    emailVerified: session.user.emailVerified,
  },
});

describe('Mutation.register', () => {
  it('signs in unverified and emails a verification link to the address', async () => {
    const session = await signUp('Ann@Example.com');

    expect(session.user.emailVerified).toBe(false);
    expect(users.mail.sent).toEqual([{ kind: 'verification', to: 'ann@example.com', token: expect.stringMatching(/^sbr_et_/) }]);
  });

  it('never tells a taken address from a free one, and tells the owner instead', async () => {
    const owner = await signUp('ann@example.com', PASSWORD, 'Ann');

    const taken = await signUp('ann@example.com', 'another password', 'Mallory');
    const free = await signUp('bob@example.com', 'another password', 'Mallory');

    expect(seen(taken)).toEqual({ ...seen(free), user: { ...seen(free).user, email: 'ann@example.com' } });
    expect(taken.user.id).not.toBe(owner.user.id);
    expect(users.mail.sent.filter((m) => m.to === 'ann@example.com').map((m) => m.kind)).toEqual(['verification', 'alreadyRegistered']);
    expect(users.memory.users.size).toBe(2);
  });

  it('never signs anyone in to the existing account through a repeated registration', async () => {
    await signUp('ann@example.com');
    const decoy = await signUp('ann@example.com', 'another password');

    expect(await refusal(users.run(refreshToken, { refreshToken: decoy.refreshToken }))).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect((await refusal(users.run(login, { email: 'ann@example.com', password: 'another password' }))).extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('never tells a registered but unverified address apart either', async () => {
    await signUp('ann@example.com');
    const again = await signUp('ann@example.com', 'another password');

    expect(again.user.emailVerified).toBe(false);
    expect(users.mail.sent.at(-1)).toEqual({ kind: 'alreadyRegistered', to: 'ann@example.com' });
  });
});

describe('Mutation.verifyEmail', () => {
  it('verifies the address once, shows it to the owner only, and writes user.email_verified', async () => {
    const { user } = await signUp();

    expect(await users.run(verifyEmail, { token: tokenSentTo('ann@example.com', 'verification') })).toBe(true);

    expect(await users.run<Account>(me, {}, viewerOf(user.id))).toMatchObject({ emailVerified: true });
    const resolveVerified = User.emailVerified as (u: Account, a: object, c: unknown) => boolean | null;
    expect(
      resolveVerified({ ...user, emailVerified: true, isSessionOwner: undefined }, {}, users.context(viewerOf('someone-else'))),
    ).toBeNull();
    expect(users.memory.outbox.map((f) => f.event)).toEqual(['user.registered', 'user.email_verified']);
    expect(users.memory.outbox[1]!.data).toEqual({ user_id: user.id, verified_at: expect.any(String) });
  });

  it('refuses a used, unknown or reset-purpose token as an invalid link', async () => {
    await signUp();
    const token = tokenSentTo('ann@example.com', 'verification');
    await users.run(verifyEmail, { token });
    await users.run(requestPasswordReset, { email: 'ann@example.com' });

    for (const bad of [token, 'sbr_et_nonsense', tokenSentTo('ann@example.com', 'passwordReset')]) {
      expect(await refusal(users.run(verifyEmail, { token: bad }))).toEqual({
        message: 'This link is not valid any more. Ask for a new one.',
        extensions: { code: 'BAD_USER_INPUT', field: 'token', reason: 'TOKEN_INVALID' },
      });
    }
  });

  it('sends a fresh link on request, and none once verified', async () => {
    const { user } = await signUp();
    await users.run(requestEmailVerification, {}, viewerOf(user.id));
    await users.run(verifyEmail, { token: tokenSentTo('ann@example.com', 'verification') });
    await users.run(requestEmailVerification, {}, viewerOf(user.id));

    expect(users.mail.sent.map((m) => m.kind)).toEqual(['verification', 'verification']);
  });
});

describe('Mutation.requestPasswordReset', () => {
  it('answers true for any address, and emails only an address with an account', async () => {
    await signUp();

    expect(await users.run(requestPasswordReset, { email: ' ANN@example.com' })).toBe(true);
    expect(await users.run(requestPasswordReset, { email: 'nobody@example.com' })).toBe(true);
    expect(await users.run(requestPasswordReset, { email: 'not an email' })).toBe(true);

    expect(users.mail.sent.filter((m) => m.kind === 'passwordReset').map((m) => m.to)).toEqual(['ann@example.com']);
  });
});

describe('Mutation.resetPassword', () => {
  it('sets the new password, verifies the address and ends every session', async () => {
    const first = await signUp();
    const second = await users.run<Session>(login, { email: 'ann@example.com', password: PASSWORD });
    await users.run(requestPasswordReset, { email: 'ann@example.com' });

    await users.run(resetPassword, { token: tokenSentTo('ann@example.com', 'passwordReset'), newPassword: 'a brand new password' });

    for (const session of [first, second]) {
      expect((await refusal(users.run(refreshToken, { refreshToken: session.refreshToken }))).extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'SESSION_ENDED',
      });
    }
    expect((await refusal(users.run(login, { email: 'ann@example.com', password: PASSWORD }))).extensions.code).toBe('UNAUTHENTICATED');
    const fresh = await users.run<Session>(login, { email: 'ann@example.com', password: 'a brand new password' });
    expect(fresh.user.emailVerified).toBe(true);
  });

  it('uses a link once, and refuses a short password before touching it', async () => {
    await signUp();
    await users.run(requestPasswordReset, { email: 'ann@example.com' });
    const token = tokenSentTo('ann@example.com', 'passwordReset');

    expect((await refusal(users.run(resetPassword, { token, newPassword: 'short' }))).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'newPassword',
    });
    await users.run(resetPassword, { token, newPassword: 'a brand new password' });
    expect((await refusal(users.run(resetPassword, { token, newPassword: 'yet another password' }))).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });
  });
});
