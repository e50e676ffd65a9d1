import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
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
      sub: randomUUID(), role: 'ORGANIZER', iss: issuer, aud: audience, jti: 'x', exp: now + 600,
    })}.`;
    await expect(verify(unsigned)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('rejects a token whose role is not one Sbor knows', async () => {
    await expect(verify(await sign(trusted, { role: 'ADMIN' }))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
