import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type KeyObject } from 'jose';
import { createTokenVerifier, DEFAULT_AUDIENCE, DEFAULT_ISSUER, remoteKeySet, type TokenVerifier } from '@sbor/auth';
import type { Role } from '@sbor/core';

export type KeyPair = { publicKey: CryptoKey | KeyObject; privateKey: CryptoKey | KeyObject };

export interface TokenOptions {
  userId?: string;
  role?: Role;
  /** A jose duration (`'15m'`, `'2s'`) or an epoch in seconds. */
  expiresIn?: string | number;
  audience?: string;
  issuer?: string;
  kid?: string;
  /** Sign with these keys instead of the published ones: a forged token. */
  keys?: KeyPair;
}

export interface TokenIssuer {
  /** Where the published key set is served, as the users service serves its own. */
  jwksUrl: string;
  /** Verifies tokens against the published key set, as a subgraph or the router does. */
  verifyToken: TokenVerifier;
  /** A signed access token; `userId` is fresh unless given. */
  sign(options?: TokenOptions): Promise<{ token: string; userId: string }>;
  /** Shorthand for `sign({ userId, role })`'s token. */
  token(userId: string, role?: Role): Promise<string>;
  /** A key pair that is not published. */
  strangerKeys: KeyPair;
  close(): Promise<void>;
}

/**
 * A users-service stand-in for tests: an Ed25519 key published as a JWKS over HTTP
 * (`/.well-known/jwks.json`), and access tokens signed with it carrying the claims real ones carry.
 */
export async function startTokenIssuer(options: { issuer?: string; audience?: string } = {}): Promise<TokenIssuer> {
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const trusted = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const strangerKeys = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(trusted.publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;

  const sign = async (tokenOptions: TokenOptions = {}) => {
    const userId = tokenOptions.userId ?? randomUUID();
    const token = await new SignJWT({ role: tokenOptions.role ?? 'USER' })
      .setProtectedHeader({ alg: 'EdDSA', kid: tokenOptions.kid ?? kid })
      .setSubject(userId)
      .setIssuer(tokenOptions.issuer ?? issuer)
      .setAudience(tokenOptions.audience ?? audience)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(tokenOptions.expiresIn ?? '15m')
      .sign((tokenOptions.keys ?? trusted).privateKey);
    return { token, userId };
  };
  return {
    jwksUrl,
    verifyToken: createTokenVerifier({ keys: remoteKeySet(jwksUrl), issuer, audience }),
    sign,
    token: async (userId, role) => (await sign({ userId, role })).token,
    strangerKeys,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
