import type { Express } from 'express';
import { relayTo, type RelayedRoute } from './relay.js';

/**
 * Plain HTTP routes the tickets subgraph serves to callers that are not GraphQL clients. The router
 * relays them so that everything outside reaches Sbor at one address:
 * - a door device fetches the ticket-signing keys, then verifies QR codes offline (the revocation
 *   list is not public: it is per event, for its door staff, through GraphQL `revokedTickets`);
 * - a buyer's browser opens the sandbox's hosted checkout page and posts its Pay/Decline form;
 * - payment providers post signed webhooks, which tickets verifies over the exact bytes sent.
 *
 * They are public by design: the router passes on neither the caller's authorization or cookies nor
 * its own secret, and a webhook proves itself by its signature. Apollo's CSRF prevention guards
 * /graphql only; the checkout form posts to its own origin.
 */
export const PUBLIC_ROUTES: readonly RelayedRoute[] = [
  { path: '/tickets/keys', methods: ['GET'], subgraph: 'tickets' },
  { path: '/pay/:paymentId', methods: ['GET', 'POST'], subgraph: 'tickets' },
  { path: '/webhooks/sandbox', methods: ['POST'], subgraph: 'tickets' },
  { path: '/webhooks/stripe', methods: ['POST'], subgraph: 'tickets' },
];

/** Mount before anything that parses bodies: the relay reads them raw. */
export function mountPublicRoutes(app: Express, subgraphs: () => ReadonlyMap<string, string>) {
  for (const route of PUBLIC_ROUTES) {
    app.all(route.path, ...relayTo(route, subgraphs));
  }
}
