import type { NextFunction, Request, Response } from 'express';

/** `CORS_ORIGINS`: the origins allowed, or `*` for any. */
export type CorsOrigins = readonly string[] | '*';

/** What a Sbor client sends: bearer tokens in `authorization`, JSON bodies, Apollo's client headers. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
].join(', ');

/**
 * CORS for front ends served from other origins (a dev server, a separate shop domain). The web app
 * served by the router is same-origin and needs none of it. Credentials are never allowed: clients
 * authenticate with bearer tokens, not cookies, so `access-control-allow-credentials` stays off.
 * A preflight from an origin not listed is refused with 403 and no CORS headers.
 */
export function cors(origins: CorsOrigins) {
  const allowed = (origin: string) => origins === '*' || origins.includes(origin);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin === undefined || (origins !== '*' && origins.length === 0)) {
      next();
      return;
    }
    res.vary('Origin');
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!allowed(origin)) {
      if (preflight) res.status(403).end();
      else next();
      return;
    }
    res.setHeader('access-control-allow-origin', origins === '*' ? '*' : origin);
    if (!preflight) {
      next();
      return;
    }
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', '600');
    res.status(204).end();
  };
}
