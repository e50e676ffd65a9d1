/**
 * An event's CSV exports, relayed by the router at the same paths with the caller's bearer token:
 *
 *   GET /exports/events/:id/orders.csv      one row per order
 *   GET /exports/events/:id/attendees.csv   one row per ticket, with the attendee's answers
 *
 * Private, unlike the other side routes: only the router may call (its secret, as on /graphql), the
 * token is verified here again, and only the event's organizer gets the file; anyone else gets 404,
 * as for an event that does not exist. The body is streamed as the cursor reads it, at the pace the
 * reader takes it; a reader that stops taking it for EXPORT_IDLE_MS is cut off, which closes the cursor.
 */
import { once } from 'node:events';
import type { Express, Request, Response } from 'express';
import { bearerToken } from '@sbor/auth';
import { AppError, ErrorCode, HeaderNames, secretsEqual, type Logger, type Viewer } from '@sbor/core';
import type { Infrastructure } from '@sbor/kit';
import type { Exports } from '../domain/exports.js';

export const EXPORT_IDLE_MS = 60_000;
/**
 * Exports running at once per instance. In full mode each holds a pooled connection for its whole
 * download; past this, callers are asked to come back in a moment rather than drain the pool.
 */
export const MAX_CONCURRENT_EXPORTS = 2;

type Kind = 'orders' | 'attendees';

export interface ExportRoutesOptions {
  exports: Exports;
  routerSecret: string;
  verifyToken: Infrastructure['verifyToken'];
  logger: Logger;
}

export function exportRoutes(options: ExportRoutesOptions) {
  let running = 0;
  return (app: Express) => {
    for (const kind of ['orders', 'attendees'] as const) {
      app.get(`/exports/events/:id/${kind}.csv`, async (req, res) => {
        res.set('cache-control', 'no-store');
        const viewer = await authenticate(req, res, options);
        if (viewer === undefined) return;
        const eventId = req.params.id!;
        try {
          if (!(await options.exports.mayExport(viewer, eventId))) return void res.status(404).json({ error: 'NOT_FOUND' });
        } catch (error) {
          return void answerFailure(res, error, options.logger);
        }
        if (running >= MAX_CONCURRENT_EXPORTS) {
          return void res
            .status(503)
            .set('retry-after', '5')
            .json({ error: 'SERVICE_UNAVAILABLE', message: 'Other exports are running; try again in a few seconds.' });
        }
        running++;
        try {
          await stream(res, kind, eventId, viewer!.userId, options);
        } finally {
          running--;
        }
      });
    }
  };
}

/** The viewer; null never (exports need one); undefined once a refusal has been sent. */
async function authenticate(req: Request, res: Response, options: ExportRoutesOptions): Promise<Viewer | undefined> {
  if (!secretsEqual(req.headers[HeaderNames.routerSecret], options.routerSecret)) {
    res.status(401).json({ error: 'UNAUTHENTICATED', message: 'This service only answers the Sbor router.' });
    return undefined;
  }
  const token = bearerToken(req.headers[HeaderNames.authorization]);
  if (!token) {
    res.status(401).json({ error: 'UNAUTHENTICATED', message: 'Send the organizer’s access token as "Authorization: Bearer <token>".' });
    return undefined;
  }
  try {
    return await options.verifyToken(token);
  } catch {
    res.status(401).json({ error: 'UNAUTHENTICATED', message: 'The access token is not valid.' });
    return undefined;
  }
}

async function stream(res: Response, kind: Kind, eventId: string, organizerId: string, options: ExportRoutesOptions): Promise<void> {
  const chunks = kind === 'orders' ? options.exports.ordersCsv(eventId, organizerId) : options.exports.attendeesCsv(eventId, organizerId);
  res.setTimeout(EXPORT_IDLE_MS, () => res.destroy());
  let started = false;
  try {
    for await (const chunk of chunks) {
      if (res.destroyed) break;
      if (!started) {
        res.status(200).set({
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="sbor-event-${eventId}-${kind}.csv"`,
          'x-content-type-options': 'nosniff',
        });
        started = true;
      }
      // Wait for the reader before reading the next batch: the cursor moves at the reader's pace.
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    if (!res.destroyed) res.end();
  } catch (error) {
    if (!started) return answerFailure(res, error, options.logger);
    // Half a file must not pass for a whole one: cut the connection, so the download fails.
    options.logger.error({ err: error, eventId, kind }, 'export failed while streaming');
    res.destroy();
  }
}

function answerFailure(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof AppError && error.code === ErrorCode.SERVICE_UNAVAILABLE) {
    res.status(503).json({ error: error.code, message: error.message });
    return;
  }
  logger.error({ err: error }, 'export failed');
  res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
}
