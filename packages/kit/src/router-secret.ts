import type { RequestHandler } from 'express';
import { HeaderNames, secretMatcher } from '@sbor/core';

/**
 * Guards a subgraph's internal routes (the reads one service makes of another) as /graphql is
 * guarded: only a caller with the router's shared secret in `router-authorization` is answered;
 * anyone else gets 401 `{ error: "UNAUTHENTICATED" }`. Answers are never cached, refusals included.
 */
export function requireRouterSecret(routerSecret: string): RequestHandler {
  const fromRouter = secretMatcher(routerSecret);
  return (req, res, next) => {
    res.set('cache-control', 'no-store');
    if (!fromRouter(req.headers[HeaderNames.routerSecret])) {
      res.status(401).json({ error: 'UNAUTHENTICATED' });
      return;
    }
    next();
  };
}
