import { beforeEach, describe, expect, it } from 'vitest';
import { becomeOrganizer } from '../resolvers/Mutation/becomeOrganizer.js';
import { login } from '../resolvers/Mutation/login.js';
import { register } from '../resolvers/Mutation/register.js';
import { updateProfile } from '../resolvers/Mutation/updateProfile.js';
import { me } from '../resolvers/Query/me.js';
import { User } from '../resolvers/User.js';
import { refusal, specUsers, untouchableAccounts, viewerOf } from '../spec-support.js';
import type { Account } from './accounts.js';
import type { Session } from './sessions.js';

const PASSWORD = 'correct horse battery';

let users: Awaited<ReturnType<typeof specUsers>>;
beforeEach(async () => {
  users = await specUsers();
});

const signUp = (email = 'ann@example.com', displayName = 'Ann', password = PASSWORD) =>
  users.run<Session>(register, { input: { email, password, displayName } });
const signIn = (email: string, password: string) => users.run<Session>(login, { email, password });

describe('Mutation.register', () => {
  it('creates a USER account, lower-cased and trimmed, and signs it in', async () => {
    const session = await signUp('  Ann.Lee@Example.COM ', '  Ann Lee ');

    expect(session.user).toMatchObject({ email: 'ann.lee@example.com', displayName: 'Ann Lee', role: 'USER' });
    expect(session.expiresIn).toBe(900);
    expect(session.refreshToken).toMatch(/^sbr_rt_/);
    expect(await users.keys.verify(session.accessToken)).toMatchObject({ userId: session.user.id, role: 'USER' });
  });

  it('writes user.registered with the account, and wakes the relay once', async () => {
    const session = await signUp('ann@example.com', 'Ann');

    expect(users.memory.outbox.map((f) => [f.event, f.data])).toEqual([
      ['user.registered', { user_id: session.user.id, email: 'ann@example.com', display_name: 'Ann', registered_at: expect.any(String) }],
    ]);
    expect(users.factsWritten()).toBe(1);
  });

  it('keeps neither the password nor the refresh token, only what stands for them', async () => {
    const session = await signUp();
    const [stored] = users.memory.users.values();

    expect(stored!.passwordHash).not.toBe(PASSWORD);
    expect(users.memory.refreshTokens.has(session.refreshToken)).toBe(false);
    expect(users.memory.refreshTokens.size).toBe(1);
  });

  it('creates no second account for the same email, whatever its case, and writes nothing', async () => {
    await signUp('ann@example.com');

    await signUp('ANN@example.com', 'Copy');

    expect(users.memory.users.size).toBe(1);
    expect(users.memory.outbox).toHaveLength(1);
    expect(users.memory.families.size).toBe(1);
    expect(users.factsWritten()).toBe(1);
  });

  it.each([
    [{ email: 'not-an-email', password: PASSWORD, displayName: 'A' }, 'email'],
    [{ email: 'x@example.com', password: 'short', displayName: 'A' }, 'password'],
    [{ email: 'x@example.com', password: PASSWORD, displayName: '   ' }, 'displayName'],
    [{ email: 'x@example.com', password: PASSWORD, displayName: 'bad\u0000name' }, 'displayName'],
  ])('names the bad field of %j and stores nothing', async (input, field) => {
    expect((await refusal(users.run(register, { input }))).extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(users.memory.users.size).toBe(0);
  });
});

describe('Mutation.login', () => {
  it('signs in with the registered password, ignoring the email’s case, in a new session', async () => {
    const registered = await signUp('ann@example.com');

    const session = await signIn(' ANN@example.com', PASSWORD);

    expect(session.user.id).toBe(registered.user.id);
    expect(session.refreshToken).not.toBe(registered.refreshToken);
    expect(users.memory.families.size).toBe(2);
  });

  it('answers an unknown email, a wrong password and a malformed email with the same words', async () => {
    await signUp('ann@example.com');

    const wrongPassword = await refusal(signIn('ann@example.com', 'not the password'));
    const unknownEmail = await refusal(signIn('bob@example.com', PASSWORD));
    const notAnEmail = await refusal(signIn('ann', PASSWORD));

    expect(wrongPassword).toEqual({
      message: 'Email or password is incorrect.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' },
    });
    expect(unknownEmail).toEqual(wrongPassword);
    expect(notAnEmail).toEqual(wrongPassword);
  });
});

describe('Mutation.updateProfile', () => {
  it('changes the display name the owner gives, trimmed', async () => {
    const { user } = await signUp();

    const updated = await users.run<Account>(updateProfile, { input: { displayName: ' Ann L. ' } }, viewerOf(user.id));

    expect(updated).toMatchObject({ id: user.id, displayName: 'Ann L.' });
    expect((await users.accounts.byId(user.id))!.displayName).toBe('Ann L.');
  });

  it('keeps the current name when none is given', async () => {
    const { user } = await signUp('ann@example.com', 'Ann');

    expect(await users.run<Account>(updateProfile, { input: {} }, viewerOf(user.id))).toMatchObject({ displayName: 'Ann' });
  });

  it('refuses an anonymous caller before looking at the input', async () => {
    const answer = await refusal(users.run(updateProfile, { input: { displayName: '' } }, null, untouchableAccounts()));

    expect(answer).toEqual({ message: 'You must be signed in to do this.', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('names a bad display name before the domain runs', async () => {
    const answer = await refusal(
      users.run(updateProfile, { input: { displayName: 'x'.repeat(61) } }, viewerOf('u'), untouchableAccounts()),
    );

    expect(answer.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'displayName' });
  });

  it('answers UNAUTHENTICATED to a token whose account no longer exists', async () => {
    const { user } = await signUp();
    users.memory.users.delete(user.id);

    expect(await refusal(users.run(updateProfile, { input: { displayName: 'Ghost' } }, viewerOf(user.id)))).toEqual({
      message: 'This account no longer exists.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('Mutation.becomeOrganizer', () => {
  it('makes the user an organizer, with a new session whose access token carries the role', async () => {
    const { user } = await signUp();

    const session = await users.run<Session>(becomeOrganizer, {}, viewerOf(user.id));

    expect(session.user).toMatchObject({ id: user.id, role: 'ORGANIZER' });
    expect(await users.keys.verify(session.accessToken)).toMatchObject({ userId: user.id, role: 'ORGANIZER' });
    expect((await users.accounts.byId(user.id))!.role).toBe('ORGANIZER');
    expect(users.memory.families.size).toBe(2);
  });

  it('may be asked twice: the user stays an organizer', async () => {
    const { user } = await signUp();
    await users.run(becomeOrganizer, {}, viewerOf(user.id));

    expect((await users.run<Session>(becomeOrganizer, {}, viewerOf(user.id, 'ORGANIZER'))).user.role).toBe('ORGANIZER');
  });

  it('requires a signed-in user', async () => {
    expect((await refusal(users.run(becomeOrganizer, {}, null, untouchableAccounts()))).extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('starts no session for an account that no longer exists', async () => {
    const { user } = await signUp();
    users.memory.users.delete(user.id);

    expect((await refusal(users.run(becomeOrganizer, {}, viewerOf(user.id)))).message).toBe('This account no longer exists.');
    expect(users.memory.families.size).toBe(1);
  });
});

describe('Query.me', () => {
  it('answers null without a token, and the account to its owner', async () => {
    const { user } = await signUp('ann@example.com');

    expect(await users.run(me, {}, null, untouchableAccounts())).toBeNull();
    expect(await users.run(me, {}, viewerOf(user.id))).toMatchObject({ id: user.id, email: 'ann@example.com' });
  });
});

describe('User', () => {
  const email = User.email as (...a: unknown[]) => unknown;
  const resolveReference = (id: string) =>
    Promise.resolve((User.__resolveReference as (...a: unknown[]) => unknown)({ __typename: 'User', id }, users.context(null), {}));

  it('resolves references by id, answering null for an id that cannot exist', async () => {
    const { user } = await signUp();

    expect(await resolveReference(user.id)).toMatchObject({ id: user.id, displayName: 'Ann' });
    expect(await resolveReference('not-a-uuid')).toBeNull();
  });

  it('shows the email only to its owner', async () => {
    const { user } = await signUp('ann@example.com');
    const account = await users.accounts.byId(user.id);
    const read = (viewer: ReturnType<typeof viewerOf> | null) => email(account, {}, { viewer }, {});

    expect(read(viewerOf(user.id))).toBe('ann@example.com');
    expect(read(viewerOf('someone-else'))).toBeNull();
    expect(read(null)).toBeNull();
  });
});
