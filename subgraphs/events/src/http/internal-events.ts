/**
 * The one service-to-service read (DESIGN.md "Shape"): the tickets service asks whether an event
 * is on sale. Plain HTTP rather than federation because it is a server-side check inside a
 * purchase, with no user token to forward. Same guard as /graphql: the router secret.
 *
 *   GET /internal/events/:id   router-authorization: <ROUTER_SECRET>
 *   200 { id, organizerId, status, startsAt, endsAt, title, venue }   status as of now (COMPLETED derived)
 *   404 { error: "NOT_FOUND" }   401 { error: "UNAUTHENTICATED" }
 */
import type { Express } from 'express';
import type { Logger } from '@sbor/core';
import { requireRouterSecret } from '@sbor/kit';
import type { Catalog } from '../domain/catalog.js';
import type { EventStatus } from '../domain/model.js';

/** The answer's shape: the contract the tickets service is built against. Change it only with them. */
export interface InternalEvent {
  id: string;
  organizerId: string;
  status: EventStatus;
  startsAt: string;
  endsAt: string;
  title: string;
  venue: string;
}

export const INTERNAL_EVENT_PATH = '/internal/events/:id';

export function registerInternalEventRoute(app: Express, options: { routerSecret: string; catalog: Catalog; logger: Logger }): void {
  app.get(INTERNAL_EVENT_PATH, requireRouterSecret(options.routerSecret), async (req, res) => {
    try {
      const event = await options.catalog.anyById(String(req.params.id));
      if (!event) {
        res.status(404).json({ error: 'NOT_FOUND' });
        return;
      }
      const body: InternalEvent = {
        id: event.id,
        organizerId: event.organizerId,
        status: event.status,
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
        title: event.title,
        venue: event.venue,
      };
      res.json(body);
    } catch (err) {
      options.logger.error({ err, eventId: req.params.id }, 'internal event read failed');
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  });
}
