import type { Express } from 'express';

/** A probe that hangs would make the orchestrator's own probe time out with no reason given. */
const PROBE_TIMEOUT_MS = 2_000;

export interface HealthState {
  /** True once the gateway has loaded the supergraph and built the API schema. */
  supergraphLoaded: () => boolean;
  /** Subgraph name → the URL the router actually calls (override or routing URL). */
  subgraphs: () => ReadonlyMap<string, string>;
}

type SubgraphStatus = 'ready' | 'unreachable' | `not ready (HTTP ${number})`;

/** Subgraphs serve `/readyz` beside `/graphql`: `http://h:8081/graphql` → `http://h:8081/readyz`. */
export function readyUrlOf(subgraphUrl: string): string {
  return new URL('readyz', subgraphUrl.replace(/\/+$/, '')).href;
}

async function probe(url: string): Promise<SubgraphStatus> {
  try {
    const response = await fetch(readyUrlOf(url), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok ? 'ready' : `not ready (HTTP ${response.status})`;
  } catch {
    return 'unreachable';
  }
}

/**
 * `/healthz` answers while the process can serve HTTP at all (restart me if not); `/readyz` says
 * whether a request could be served now (send me traffic), which needs the supergraph and every
 * subgraph. Answers name subgraphs but never their internal addresses.
 */
export function mountHealthRoutes(app: Express, state: HealthState) {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'router' });
  });

  app.get('/readyz', async (_req, res) => {
    if (!state.supergraphLoaded()) {
      res.status(503).json({ status: 'not ready', reason: 'supergraph not loaded', down: [], subgraphs: {} });
      return;
    }
    const entries = [...state.subgraphs()];
    const statuses = await Promise.all(entries.map(async ([name, url]) => [name, await probe(url)] as const));
    const down = statuses.filter(([, status]) => status !== 'ready').map(([name]) => name);
    res.status(down.length === 0 ? 200 : 503).json({
      status: down.length === 0 ? 'ready' : 'not ready',
      down,
      subgraphs: Object.fromEntries(statuses),
    });
  });
}
