import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { HeaderNames, isUuid } from '@sbor/core';
import { requestContextOf } from './context.js';

/** Webhooks and a two-button form are small; a bigger body is not meant for these routes. */
export const RELAY_BODY_LIMIT_BYTES = 64 * 1024;
export const RELAY_TIMEOUT_MS = 3_000;

/** What a page, a form or a provider's signature check needs; never `authorization` or `cookie`. */
const REQUEST_HEADERS = ['content-type', 'accept', 'user-agent', 'sbor-sandbox-signature', 'stripe-signature'];
const RESPONSE_HEADERS = ['content-type', 'cache-control', 'etag', 'location', 'content-security-policy', 'x-frame-options'];

export type RelayMethod = 'GET' | 'POST';

export interface RelayedRoute {
  /** An express path; every `:param` in it is an id, and ids are UUIDs. */
  path: string;
  /** GET brings HEAD with it, as in express. */
  methods: readonly RelayMethod[];
  subgraph: string;
}

/** The handlers that relay one route to its subgraph, in order. */
export function relayTo(route: RelayedRoute, subgraphs: () => ReadonlyMap<string, string>): (RequestHandler | ErrorRequestHandler)[] {
  return [allowOnly(route.methods), idsAreUuids, readRawBody, relay(route, subgraphs), answerUnreadableBody];
}

export function allowOnly(methods: readonly RelayMethod[]): RequestHandler {
  const allowed = methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
  const allow = allowed.join(', ');
  return (req, res, next) => {
    if (!allowed.includes(req.method)) {
      res
        .status(405)
        .setHeader('allow', allow)
        .json({ error: 'METHOD_NOT_ALLOWED', message: `This address accepts ${allow}.` });
      return;
    }
    next();
  };
}

/** A malformed id cannot name anything, so it is not worth a call to the subgraph. */
export const idsAreUuids: RequestHandler = (req, res, next) => {
  if (!Object.values(req.params).every(isUuid)) {
    res.status(404).json({ error: 'NOT_FOUND' });
    return;
  }
  next();
};

/**
 * The body exactly as sent, whatever its type: providers sign these bytes, and parsing and
 * re-serialising would change them. A compressed body is refused rather than re-encoded.
 */
const readRawBody = express.raw({ type: (req) => req.method === 'POST', limit: RELAY_BODY_LIMIT_BYTES, inflate: false });

function relay(route: RelayedRoute, subgraphs: () => ReadonlyMap<string, string>): RequestHandler {
  return async (req, res) => {
    const base = subgraphs().get(route.subgraph);
    if (!base) {
      res.status(404).json({ error: 'NOT_FOUND' });
      return;
    }
    const { requestId, logger } = requestContextOf(res);
    try {
      const upstream = await fetch(upstreamUrl(route.path, req, base), {
        method: req.method,
        headers: forwardedHeaders(req, requestId),
        body: req.method === 'POST' && Buffer.isBuffer(req.body) ? req.body : undefined,
        // A redirect is the browser's to follow (to the page's own address), not ours.
        redirect: 'manual',
        signal: AbortSignal.timeout(RELAY_TIMEOUT_MS),
      });
      // Read before answering, so a body that stalls still ends in a clean 503.
      const body = Buffer.from(await upstream.arrayBuffer());
      res.status(upstream.status);
      for (const name of RESPONSE_HEADERS) {
        const value = upstream.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      res.send(body);
    } catch (error) {
      logger.warn({ err: error, subgraph: route.subgraph, path: route.path }, 'relay to subgraph failed');
      res.status(503).json({ error: 'SERVICE_UNAVAILABLE', message: `The ${route.subgraph} service did not answer. Try again shortly.` });
    }
  };
}

/**
 * From the route and its checked ids, never from `req.url`: an absolute-form request line
 * (`GET http://elsewhere/pay/…`) would otherwise choose the host we call.
 */
function upstreamUrl(path: string, req: Request, base: string): URL {
  const filled = path.replace(/:(\w+)/g, (_match, name: string) => String(req.params[name]));
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  return new URL(filled + query, base);
}

function forwardedHeaders(req: Request, requestId: string): Headers {
  const headers = new Headers({ [HeaderNames.requestId]: requestId });
  for (const name of REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  return headers;
}

/** body-parser's refusals, answered here in this route's shape rather than as GraphQL errors. */
const answerUnreadableBody: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
  if (error.type === 'entity.too.large') {
    res.status(413).json({ error: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${RELAY_BODY_LIMIT_BYTES / 1024} KiB.` });
    return;
  }
  if (error.type === 'encoding.unsupported') {
    res.status(415).json({ error: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body without a content-encoding.' });
    return;
  }
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    res.status(error.status).json({ error: 'BAD_REQUEST', message: 'The request body could not be read.' });
    return;
  }
  next(error);
};
