import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export interface TokenOptions {
  role?: string;
  audience?: string;
  expiresIn?: string;
  kid?: string;
  keys?: KeyPair;
}

/** A stand-in for the users service's key ring: one published Ed25519 key and a stranger's key. */
export interface TestIssuer {
  jwksUrl: string;
  /** Signs an access token the way the users service does. */
  sign: (options?: TokenOptions) => Promise<{ token: string; userId: string }>;
  /** A key pair that is not published, for forged tokens. */
  strangerKeys: KeyPair;
  close: () => Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const trusted = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const strangerKeys = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(trusted.publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' };

  const server = http.createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    strangerKeys,
    sign: async (options = {}) => {
      const userId = randomUUID();
      const token = await new SignJWT({ role: options.role ?? 'USER' })
        .setProtectedHeader({ alg: 'EdDSA', kid: options.kid ?? 'k1' })
        .setSubject(userId)
        .setIssuer(DEFAULT_ISSUER)
        .setAudience(options.audience ?? DEFAULT_AUDIENCE)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '15m')
        .sign((options.keys ?? trusted).privateKey);
      return { token, userId };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An unsigned token that claims everything a real one does: what `alg: none` attacks send. */
export function unsignedToken(userId: string) {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', kid: 'k1' })}.${part({
    sub: userId, role: 'ORGANIZER', iss: DEFAULT_ISSUER, aud: DEFAULT_AUDIENCE, jti: randomUUID(), exp: now + 600,
  })}.`;
}
