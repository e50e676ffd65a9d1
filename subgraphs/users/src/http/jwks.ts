import type { Express } from 'express';
import type { KeyRing } from '../domain/key-ring.js';

/**
 * The public keys access tokens are signed with, as a JWKS: the router and every subgraph verify
 * tokens against it. Public, and cacheable for a minute (a retired key must leave caches soon); verifiers refetch on an unknown `kid`.
 */
export function jwksRoute(keys: Pick<KeyRing, 'jwks'>) {
  return (app: Express) => {
    app.get('/.well-known/jwks.json', (_req, res) => {
      res.set('cache-control', 'public, max-age=60').json(keys.jwks());
    });
  };
}
