import type { Express } from 'express';

/**
 * Plain HTTP resources a subgraph publishes for clients that cannot speak GraphQL at the moment
 * they need them: a door device fetches the ticket-signing keys and the revocation list once, then
 * verifies QR codes offline. The router relays them so clients need only its address.
 */
export const PUBLIC_ROUTES: readonly { path: string; subgraph: string }[] = [
  { path: '/tickets/keys', subgraph: 'tickets' },
  { path: '/tickets/revocations', subgraph: 'tickets' },
];

const RELAY_TIMEOUT_MS = 3_000;

export function mountPublicRoutes(app: Express, subgraphs: () => ReadonlyMap<string, string>) {
  for (const route of PUBLIC_ROUTES) {
    app.get(route.path, async (req, res) => {
      const base = subgraphs().get(route.subgraph);
      if (!base) {
        res.status(404).json({ error: 'NOT_FOUND' });
        return;
      }
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      const target = new URL(route.path + query, base);
      try {
        const upstream = await fetch(target, { signal: AbortSignal.timeout(RELAY_TIMEOUT_MS) });
        res.status(upstream.status);
        for (const header of ['content-type', 'cache-control', 'etag']) {
          const value = upstream.headers.get(header);
          if (value) res.setHeader(header, value);
        }
        res.send(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        res.status(503).json({ error: 'SERVICE_UNAVAILABLE', message: `The ${route.subgraph} service did not answer. Try again shortly.` });
      }
    });
  }
}
