import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, type Viewer } from '@sbor/core';
import { authenticateSocket, authenticateSubscription, bearerToken, CloseCodes, tokenExpiry } from './bearer.js';
import { createTokenVerifier, remoteKeySet } from './verify.js';

const secret = 'router-secret-0123456789';
const viewer: Viewer = { userId: '00000000-0000-4000-8000-000000000001', role: 'USER', tokenId: 'j' };
const exp = Math.floor(Date.now() / 1000) + 600;
const token = `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
const verifies = async () => viewer;

describe('authenticateSocket', () => {
  it('accepts the router secret plus a valid bearer token and reports when the token expires', async () => {
    const auth = await authenticateSocket({ 'router-authorization': secret, authorization: `Bearer ${token}` }, verifies, secret);
    expect(auth).toEqual({ ok: true, multiplexed: false, viewer, token, expiresAt: exp * 1000 });
  });

  it('refuses a missing or wrong router secret with 4403, before looking at the token', async () => {
    for (const params of [
      undefined,
      { authorization: `Bearer ${token}` },
      { 'router-authorization': 'nope', authorization: `Bearer ${token}` },
    ]) {
      expect(await authenticateSocket(params, verifies, secret)).toMatchObject({ ok: false, code: 4403 });
    }
  });

  it('refuses a missing, malformed, invalid or expired token with 4401', async () => {
    const base = { 'router-authorization': secret };
    expect(await authenticateSocket(base, verifies, secret)).toMatchObject({ ok: false, code: 4401 });
    expect(await authenticateSocket({ ...base, authorization: token }, verifies, secret)).toMatchObject({ ok: false, code: 4401 });
    const expired = async () => {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'expired', { reason: 'TOKEN_EXPIRED' });
    };
    expect(await authenticateSocket({ ...base, authorization: `Bearer ${token}` }, expired, secret)).toEqual({
      ok: false,
      code: 4401,
      reason: 'Unauthorized: token expired',
    });
  });
});

describe('authenticateSocket while the signing keys cannot be read', () => {
  it('closes with 4503 (try again later), not 4401: the token may well be good, so the client keeps its session', async () => {
    const verify = createTokenVerifier({ keys: remoteKeySet(await jwksUrlNobodyServes()), issuer: 'sbor-users', audience: 'sbor-api' });
    const keys = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const signed = await new SignJWT({ role: 'USER' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
      .setSubject(randomUUID())
      .setIssuer('sbor-users')
      .setAudience('sbor-api')
      .setExpirationTime('15m')
      .sign(keys.privateKey);
    const refusal = { ok: false, code: 4503, reason: 'Sign-in keys are unavailable; try again shortly' };

    expect(CloseCodes.unavailable).toBe(4503);
    // A subgraph's socket (router secret) and the router's own endpoint (token only) alike.
    expect(await authenticateSocket({ 'router-authorization': secret, authorization: `Bearer ${signed}` }, verify, secret)).toEqual(
      refusal,
    );
    expect(await authenticateSocket({ authorization: `Bearer ${signed}` }, verify)).toEqual(refusal);
  });
});

/** A JWKS address on a port nothing listens on: the users service is down. */
async function jwksUrlNobodyServes(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}/.well-known/jwks.json`;
}

describe("authenticateSocket for the router's multiplexed connection", () => {
  it('accepts the router secret with the multiplexed flag and no token as a socket that speaks for nobody', async () => {
    expect(await authenticateSocket({ 'router-authorization': secret, multiplexed: true }, verifies, secret)).toEqual({
      ok: true,
      multiplexed: true,
    });
  });

  it("refuses the multiplexed flag without the router secret, and never multiplexes on the router's own endpoint", async () => {
    expect(await authenticateSocket({ 'router-authorization': 'nope', multiplexed: true }, verifies, secret)).toMatchObject({
      ok: false,
      code: 4403,
    });
    expect(await authenticateSocket({ multiplexed: true }, verifies)).toMatchObject({ ok: false, code: 4401 });
  });

  it("treats a socket with a token as that user's, flag or not", async () => {
    const params = { 'router-authorization': secret, multiplexed: true, authorization: `Bearer ${token}` };
    expect(await authenticateSocket(params, verifies, secret)).toMatchObject({ ok: true, multiplexed: false, viewer });
  });
});

describe('authenticateSubscription', () => {
  it('names the subscriber of one subscription by the token in its extensions', async () => {
    expect(await authenticateSubscription({ authorization: `Bearer ${token}` }, verifies)).toEqual({
      ok: true,
      viewer,
      expiresAt: exp * 1000,
    });
  });

  it('refuses a missing, malformed or invalid token with UNAUTHENTICATED', async () => {
    const invalid = async () => {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'The access token is not valid.', { reason: 'TOKEN_INVALID' });
    };
    for (const [extensions, verify] of [
      [undefined, verifies],
      [{ authorization: token }, verifies],
      [{ authorization: `Bearer ${token}` }, invalid],
    ] as const) {
      const auth = await authenticateSubscription(extensions, verify);
      expect(auth.ok).toBe(false);
      if (!auth.ok) expect(auth.error.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('tokenExpiry', () => {
  it('reads exp in milliseconds, or nothing from garbage', () => {
    expect(tokenExpiry(token)).toBe(exp * 1000);
    expect(tokenExpiry('garbage')).toBeUndefined();
  });
});

describe("authenticateSocket without a router secret (the router's own endpoint)", () => {
  it('needs only the bearer token', async () => {
    expect(await authenticateSocket({ authorization: `Bearer ${token}` }, verifies)).toMatchObject({ ok: true, viewer });
    expect(await authenticateSocket({}, verifies)).toMatchObject({ ok: false, code: 4401 });
  });
});

describe('bearerToken', () => {
  it('takes the token of a Bearer value, in any case, and nothing else', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
    for (const value of ['abc', 'Basic abc', 'Bearer', 'Bearer a b', undefined, 42]) expect(bearerToken(value)).toBeUndefined();
  });
});
