import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Express, Request, RequestHandler } from 'express';
import { HeaderNames } from '@sbor/core';
import { requestContextOf } from './context.js';
import { allowOnly, idsAreUuids } from './relay.js';

/**
 * An event's CSV exports, served by the tickets subgraph and relayed here so that an organizer
 * downloads them from Sbor's one address with the bearer token they use for /graphql:
 *
 *   GET /exports/events/:id/orders.csv
 *   GET /exports/events/:id/attendees.csv
 *
 * Unlike the public routes these are private: the caller's `authorization` goes on verbatim (tickets
 * verifies it and answers only the event's organizer; anyone else gets 404) and the router's secret
 * goes with it, as on /graphql. And unlike them the answer is streamed, not buffered: a file of
 * 100,000 rows passes through at the pace the caller reads it, holding a few chunks at a time.
 */
export const EXPORT_PATHS = ['/exports/events/:id/orders.csv', '/exports/events/:id/attendees.csv'] as const;
/** Until tickets starts answering (it checks the token and the owner, then sends the header row). */
export const EXPORT_FIRST_BYTE_TIMEOUT_MS = 15_000;
/** A download that moves no bytes for this long, either way, is cut; tickets uses the same. */
export const EXPORT_IDLE_MS = 60_000;

const REQUEST_HEADERS = [HeaderNames.authorization, 'accept', 'user-agent'];
const RESPONSE_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'x-content-type-options', 'retry-after'];

export interface ExportRoutesOptions {
  subgraphs: () => ReadonlyMap<string, string>;
  routerSecret: string | undefined;
}

/** Mount beside the public routes, before the web app. */
export function mountExportRoutes(app: Express, options: ExportRoutesOptions) {
  for (const path of EXPORT_PATHS) {
    app.all(path, allowOnly(['GET']), idsAreUuids, relayExport(path, options));
  }
}

function relayExport(path: string, options: ExportRoutesOptions): RequestHandler {
  return async (req, res) => {
    const base = options.subgraphs().get('tickets');
    if (!base) return void res.status(404).json({ error: 'NOT_FOUND' });
    const { logger } = requestContextOf(res);
    const upstreamCall = new AbortController();
    // A caller who leaves ends the upstream download too, which closes tickets' database cursor.
    res.on('close', () => upstreamCall.abort());
    const firstByte = setTimeout(() => upstreamCall.abort(new Error('first byte timeout')), EXPORT_FIRST_BYTE_TIMEOUT_MS);
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(new URL(path.replace(':id', String(req.params.id)), base), {
        method: req.method,
        headers: forwardedHeaders(req, res, options.routerSecret),
        redirect: 'manual',
        signal: upstreamCall.signal,
      });
    } catch (error) {
      if (res.destroyed) return;
      logger.warn({ err: error, path }, 'export relay to tickets failed');
      return void res.status(503).json({ error: 'SERVICE_UNAVAILABLE', message: 'The tickets service did not answer. Try again shortly.' });
    } finally {
      clearTimeout(firstByte);
    }
    res.status(upstream.status);
    for (const name of RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    // Lets a front end on another (allowed) origin read the file name; harmless on the same origin.
    res.setHeader('access-control-expose-headers', 'content-disposition, retry-after');
    if (!upstream.body) return void res.end();
    res.setTimeout(EXPORT_IDLE_MS, () => res.destroy());
    try {
      // pipeline waits for the caller to drain before reading on, and on any failure destroys both
      // ends: a download cut short fails visibly instead of passing for the whole file.
      await pipeline(Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>), res);
    } catch (error) {
      if (!upstreamCall.signal.aborted) logger.warn({ err: error, path }, 'export stream from tickets broke off');
    }
  };
}

function forwardedHeaders(req: Request, res: Parameters<RequestHandler>[1], routerSecret: string | undefined): Headers {
  const { requestId, clientIp } = requestContextOf(res);
  const headers = new Headers({ [HeaderNames.requestId]: requestId });
  if (routerSecret) headers.set(HeaderNames.routerSecret, routerSecret);
  if (clientIp) headers.set(HeaderNames.clientIp, clientIp);
  for (const name of REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  return headers;
}
