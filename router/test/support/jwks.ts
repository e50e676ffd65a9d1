import { randomUUID } from 'node:crypto';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';

/** An unsigned token that claims everything a real one does: what `alg: none` attacks send. */
export function unsignedToken(userId: string) {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', kid: 'k1' })}.${part({
    sub: userId,
    role: 'ORGANIZER',
    iss: DEFAULT_ISSUER,
    aud: DEFAULT_AUDIENCE,
    jti: randomUUID(),
    exp: now + 600,
  })}.`;
}
