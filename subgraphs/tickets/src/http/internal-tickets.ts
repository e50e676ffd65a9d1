/**
 * The tickets service's internal read for the notifications service: what an email about a user's
 * tickets shows. Kafka facts carry ticket ids only, never codes (a code is a bearer secret: whoever
 * reads a topic could walk in with it), so the email fetches them here at send time. Same guard as
 * /graphql: the router secret. POST with a JSON body, so ids stay out of access logs.
 *
 *   POST /internal/tickets/for-email   { "userId": uuid, "ticketIds": [uuid, …] }   (at most 100)
 *     200 { tickets: [{ id, code, status, ticketTypeName, attendeeName }, …] }
 *         the named tickets and the rest of their orders, only those `userId` owns
 *   400 { error: "BAD_REQUEST" }   401 { error: "UNAUTHENTICATED" }
 */
import express, { type Express } from 'express';
import { z } from 'zod';
import type { Logger } from '@sbor/core';
import type { Executor } from '@sbor/db';
import { requireRouterSecret } from '@sbor/kit';
import { ticketsForEmail } from '../db/queries/for-email.js';

export const INTERNAL_TICKETS_FOR_EMAIL_PATH = '/internal/tickets/for-email';
export const MAX_TICKETS_PER_REQUEST = 100;

const forEmailBody = z.object({ userId: z.uuid(), ticketIds: z.array(z.uuid()).max(MAX_TICKETS_PER_REQUEST) });

export function internalTicketRoutes(options: { db: Executor; routerSecret: string; logger: Logger }) {
  return (app: Express) => {
    app.post(
      INTERNAL_TICKETS_FOR_EMAIL_PATH,
      requireRouterSecret(options.routerSecret),
      express.json({ limit: '16kb' }),
      async (req, res) => {
        const body = forEmailBody.safeParse(req.body);
        if (!body.success) return void res.status(400).json({ error: 'BAD_REQUEST' });
        try {
          res.json({ tickets: await ticketsForEmail(options.db, body.data.userId, body.data.ticketIds) });
        } catch (err) {
          options.logger.error({ err }, 'internal tickets read for an email failed');
          res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
        }
      },
    );
  };
}
