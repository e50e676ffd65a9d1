import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, type Viewer } from '@sbor/core';
import { authenticateConnection, tokenExpiry } from './connection-auth.js';

const secret = 'router-secret-0123456789';
const viewer: Viewer = { userId: '00000000-0000-4000-8000-000000000001', role: 'USER', tokenId: 'j' };
const exp = Math.floor(Date.now() / 1000) + 600;
const token = `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
const verifies = async () => viewer;

describe('authenticateConnection', () => {
  it('accepts the router secret plus a valid bearer token and reports when the token expires', async () => {
    const auth = await authenticateConnection({ 'router-authorization': secret, authorization: `Bearer ${token}` }, secret, verifies);
    expect(auth).toEqual({ ok: true, viewer, expiresAt: exp * 1000 });
  });

  it('refuses a missing or wrong router secret with 4403, before looking at the token', async () => {
    for (const params of [undefined, { authorization: `Bearer ${token}` }, { 'router-authorization': 'nope', authorization: `Bearer ${token}` }]) {
      expect(await authenticateConnection(params, secret, verifies)).toMatchObject({ ok: false, code: 4403 });
    }
  });

  it('refuses a missing, malformed, invalid or expired token with 4401', async () => {
    const base = { 'router-authorization': secret };
    expect(await authenticateConnection(base, secret, verifies)).toMatchObject({ ok: false, code: 4401 });
    expect(await authenticateConnection({ ...base, authorization: token }, secret, verifies)).toMatchObject({ ok: false, code: 4401 });
    const expired = async () => {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'expired', { reason: 'TOKEN_EXPIRED' });
    };
    expect(await authenticateConnection({ ...base, authorization: `Bearer ${token}` }, secret, expired)).toEqual({
      ok: false,
      code: 4401,
      reason: 'Unauthorized: token expired',
    });
  });
});

describe('tokenExpiry', () => {
  it('reads exp in milliseconds, or nothing from garbage', () => {
    expect(tokenExpiry(token)).toBe(exp * 1000);
    expect(tokenExpiry('garbage')).toBeUndefined();
  });
});
