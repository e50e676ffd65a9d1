/**
 * What a door device downloads to check codes offline without signing in: the public QR keys.
 * Public on purpose (no router secret): they reveal nothing a ticket holder could use. The
 * revocation list is not here: it is per event and for its door only (`Query.revokedTickets`).
 */
import type { Express } from 'express';
import type { QrKeyRing } from '../domain/key-ring.js';

export function ticketRoutes(keys: QrKeyRing) {
  return (app: Express) => {
    app.get('/tickets/keys', (_req, res) => {
      res.set('cache-control', 'public, max-age=300').json(keys.jwks());
    });
  };
}
