import { beforeEach, describe, expect, it } from 'vitest';
import { login } from '../resolvers/Mutation/login.js';
import { register } from '../resolvers/Mutation/register.js';
import { refusal, specUsers } from '../spec-support.js';
import type { Session } from './sessions.js';

// SPEC_LIMITS: 3 failures per (email, IP), 6 per email over all IPs.
const PASSWORD = 'correct horse battery';
const OWNER_IP = '198.51.100.1';

let users: Awaited<ReturnType<typeof specUsers>>;
beforeEach(async () => {
  users = await specUsers();
  await users.run(register, { input: { email: 'ann@example.com', password: PASSWORD, displayName: 'Ann' } });
});

const signIn = (password: string, ip: string) => users.run<Session>(login, { email: 'ann@example.com', password }, null, undefined, ip);
const failFrom = async (ip: string, times: number) => {
  for (let i = 0; i < times; i++) expect((await refusal(signIn('wrong password!', ip))).extensions.code).toBe('UNAUTHENTICATED');
};

describe('Mutation.login throttling', () => {
  it('never counts a successful sign-in', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(PASSWORD, OWNER_IP)).user.email).toBe('ann@example.com');
  });

  it('stops one IP guessing one email after its limit, even with the right password', async () => {
    await failFrom('192.0.2.66', 3);

    expect((await refusal(signIn(PASSWORD, '192.0.2.66'))).extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('never locks the owner out from another IP by failing from one', async () => {
    await failFrom('192.0.2.66', 3);

    expect((await signIn(PASSWORD, OWNER_IP)).user.email).toBe('ann@example.com');
  });

  it('lets the owner in from an IP they signed in from, while many IPs guessing hold everyone else off', async () => {
    await signIn(PASSWORD, OWNER_IP);
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) await failFrom(ip, 2);

    expect((await refusal(signIn(PASSWORD, '192.0.2.99'))).extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await signIn(PASSWORD, OWNER_IP)).user.email).toBe('ann@example.com');
  });

  it('forgives an IP its failures on an email once it signs in', async () => {
    await failFrom(OWNER_IP, 2);
    await signIn(PASSWORD, OWNER_IP);
    await failFrom(OWNER_IP, 2);

    expect((await signIn(PASSWORD, OWNER_IP)).user.email).toBe('ann@example.com');
  });
});
