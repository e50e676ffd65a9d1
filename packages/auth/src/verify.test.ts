import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, type TokenVerifier } from './verify.js';

const issuer = 'sbor-users';
const audience = 'sbor-api';
type Keys = Awaited<ReturnType<typeof generateKeyPair>>;

let trusted: Keys;
let stranger: Keys;
let verify: TokenVerifier;

async function sign(keys: Keys, claims: JWTPayload & { kid?: string } = {}, exp = '15m') {
  const { kid = 'k1', ...rest } = claims;
  return new SignJWT({ role: 'USER', ...rest })
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setSubject(randomUUID())
    .setIssuer(issuer)
    .setAudience(audience)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(keys.privateKey);
}

beforeAll(async () => {
  trusted = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(trusted.publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' };
  verify = createTokenVerifier({ keys: createLocalJWKSet({ keys: [jwk] }), issuer, audience });
});

describe('createTokenVerifier', () => {
  it('accepts a token signed by a published key and returns the viewer', async () => {
    const viewer = await verify(await sign(trusted, { role: 'ORGANIZER' }));
    expect(viewer.role).toBe('ORGANIZER');
    expect(viewer.userId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects an expired token and says how to get a new one', async () => {
    const token = await sign(trusted, {}, '-1m');
    await expect(verify(token)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' },
      message: expect.stringContaining('refreshToken'),
    });
  });

  it('rejects a token for another audience', async () => {
    const token = await new SignJWT({ role: 'USER' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
      .setSubject(randomUUID())
      .setIssuer(issuer)
      .setAudience('someone-else')
      .setJti(randomUUID())
      .setExpirationTime('5m')
      .sign(trusted.privateKey);
    await expect(verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('rejects a token signed with a key that is not published, even under a known kid', async () => {
    await expect(verify(await sign(stranger))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' },
    });
  });

  it('rejects alg none', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', kid: 'k1' })}.${b64({
      sub: randomUUID(),
      role: 'ORGANIZER',
      iss: issuer,
      aud: audience,
      jti: 'x',
      exp: now + 600,
    })}.`;
    await expect(verify(unsigned)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('rejects a token whose role is not one Sbor knows', async () => {
    await expect(verify(await sign(trusted, { role: 'ADMIN' }))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('createTokenVerifier: verified tokens remembered', () => {
  const jwkOf = async (keys: Keys) => ({ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' });

  /** A key set that counts lookups (one per signature check) and can withdraw its key. */
  async function countingKeys() {
    const set = { current: createLocalJWKSet({ keys: [await jwkOf(trusted)] }), lookups: 0 };
    const keys: JWTVerifyGetKey = (header, token) => {
      set.lookups += 1;
      return set.current(header, token);
    };
    return { set, keys };
  }

  it('checks the signature of a token once while it stays valid', async () => {
    const { set, keys } = await countingKeys();
    const cached = createTokenVerifier({ keys, issuer, audience });
    const token = await sign(trusted);
    const first = await cached(token);
    expect(await cached(token)).toEqual(first);
    expect(await cached(token)).toEqual(first);
    expect(set.lookups).toBe(1);
  });

  it('never lets a changed token through on the strength of the remembered one', async () => {
    const { keys } = await countingKeys();
    const cached = createTokenVerifier({ keys, issuer, audience });
    const token = await sign(trusted, { role: 'USER' });
    await cached(token);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'ORGANIZER' })).toString('base64url');
    await expect(cached(`${header}.${promoted}.${signature}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('forgets a token when it expires', async () => {
    const { keys } = await countingKeys();
    const cached = createTokenVerifier({ keys, issuer, audience, clockToleranceSeconds: 0 });
    const token = await sign(trusted, {}, '2s');
    await cached(token);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(cached(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' } });
  });

  it('stops accepting a token signed by a withdrawn key within maxAgeMs', async () => {
    const { set, keys } = await countingKeys();
    const cached = createTokenVerifier({ keys, issuer, audience, cache: { maxEntries: 100, maxAgeMs: 200 } });
    const token = await sign(trusted);
    await cached(token);
    set.current = createLocalJWKSet({ keys: [await jwkOf(stranger)] });
    await cached(token);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(cached(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('keeps at most maxEntries tokens, dropping the oldest', async () => {
    const { set, keys } = await countingKeys();
    const cached = createTokenVerifier({ keys, issuer, audience, cache: { maxEntries: 2, maxAgeMs: 60_000 } });
    const [a, b, c] = [await sign(trusted), await sign(trusted), await sign(trusted)];
    for (const token of [a, b, c]) await cached(token);
    expect(set.lookups).toBe(3);
    await cached(c);
    expect(set.lookups).toBe(3);
    await cached(a);
    expect(set.lookups).toBe(4);
  });
});
