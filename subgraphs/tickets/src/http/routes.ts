/**
 * What a door device downloads to check codes offline: the public QR keys and the revocation
 * list. Public on purpose (no router secret): neither reveals anything a ticket holder could use.
 */
import type { Express } from 'express';
import type { Db } from '@sbor/db';
import { revokedTickets } from '../db/queries/tickets.js';
import type { QrKeyRing } from '../domain/key-ring.js';

const PAGE = 5_000;
const CURSOR = /^(\d{1,20})_([0-9a-f-]{36})$/;

export function ticketRoutes(db: Db, keys: QrKeyRing) {
  return (app: Express) => {
    app.get('/tickets/keys', (_req, res) => {
      res.set('cache-control', 'public, max-age=300').json(keys.jwks());
    });
    /**
     * `?after=<cursor>` continues from a previous answer's `cursor`; a device polls with the last
     * cursor it got and receives only what was cancelled since. `complete` is false while more
     * pages follow.
     */
    app.get('/tickets/revocations', async (req, res) => {
      const raw = typeof req.query.after === 'string' ? req.query.after : undefined;
      const match = raw ? CURSOR.exec(raw) : null;
      if (raw && !match) {
        res.status(400).json({ error: 'after must be a cursor from a previous answer' });
        return;
      }
      const revoked = await revokedTickets(db, match ? { micros: match[1]!, ticketId: match[2]! } : undefined, PAGE);
      res.set('cache-control', 'no-store').json({
        revoked: revoked.map(({ cursor: _cursor, ...r }) => ({ ...r, cancelledAt: r.cancelledAt.toISOString() })),
        cursor: revoked.at(-1)?.cursor ?? raw ?? null,
        complete: revoked.length < PAGE,
      });
    });
  };
}
