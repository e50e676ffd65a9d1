/**
 * The users service's internal reads (DESIGN.md "Shape"): tickets names door staff by email and
 * prints display names in exports; notifications checks a user.registered or user.email_verified
 * fact against them before believing it. Same guard as /graphql: the router secret.
 * POST with a JSON body, so addresses stay out of URLs and access logs.
 *
 *   POST /internal/users/by-email   { "email": "ann@example.com" }
 *     200 { id, displayName, emailVerified }   404 { error: "NOT_FOUND" }
 *   POST /internal/users/names      { "ids": [uuid, …] }   (at most 1000)
 *     200 { users: [{ id, displayName, emailVerified }, …] }   unknown ids are left out
 *   400 { error: "BAD_REQUEST" }   401 { error: "UNAUTHENTICATED" }
 *
 * Never an email in an answer: only the user themself reads their address (User.email).
 */
import express, { type Express } from 'express';
import { z } from 'zod';
import { isUuid, type Logger } from '@sbor/core';
import { requireRouterSecret } from '@sbor/kit';
import type { Accounts } from '../domain/accounts.js';

/** The answers' shape: the contract the tickets service is built against. Change it only with them. */
export interface InternalUser {
  id: string;
  displayName: string;
  /** Whether the account's owner proved the address is theirs. */
  emailVerified: boolean;
}

const internalUser = (account: Pick<InternalUser, 'id' | 'displayName' | 'emailVerified'>): InternalUser => ({
  id: account.id,
  displayName: account.displayName,
  emailVerified: account.emailVerified,
});

export const INTERNAL_USER_BY_EMAIL_PATH = '/internal/users/by-email';
export const INTERNAL_USER_NAMES_PATH = '/internal/users/names';
export const MAX_NAMES_PER_REQUEST = 1000;

const byEmailBody = z.object({ email: z.string().min(1).max(320) });
const namesBody = z.object({ ids: z.array(z.string()).max(MAX_NAMES_PER_REQUEST) });

export function registerInternalUserRoutes(app: Express, options: { routerSecret: string; accounts: Accounts; logger: Logger }): void {
  const guard = requireRouterSecret(options.routerSecret);
  const json = express.json({ limit: '64kb' });

  app.post(INTERNAL_USER_BY_EMAIL_PATH, guard, json, async (req, res) => {
    const body = byEmailBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'BAD_REQUEST' });
    try {
      const account = await options.accounts.byEmail(body.data.email);
      if (!account) return void res.status(404).json({ error: 'NOT_FOUND' });
      res.json(internalUser(account));
    } catch (err) {
      options.logger.error({ err }, 'internal user read by email failed');
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  });

  app.post(INTERNAL_USER_NAMES_PATH, guard, json, async (req, res) => {
    const body = namesBody.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'BAD_REQUEST' });
    try {
      const found = await options.accounts.byIds(body.data.ids.filter(isUuid));
      const users = [...found.values()].map(internalUser);
      res.json({ users });
    } catch (err) {
      options.logger.error({ err }, 'internal user names read failed');
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  });
}
