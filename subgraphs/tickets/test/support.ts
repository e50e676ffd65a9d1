/** Helpers for the tickets integration tests: real PostgreSQL, a real events HTTP stub, real tokens. */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createLogger, HeaderNames, type Viewer } from '@sbor/core';
import { createScratchDatabase, databaseOnPostgres, type Database, type ScratchDatabase } from '@sbor/db';
import type { EventInfo } from '../src/clients/events.js';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));
export const ROUTER_SECRET = 'test-router-secret-0123456789';
export const testLogger = createLogger('tickets-test', process.env.LOG_LEVEL ?? 'silent');

export interface TestDatabase {
  scratch: ScratchDatabase;
  /** Separate pools on one database, like separate replicas: their transactions really race. */
  pools: Database[];
  close(): Promise<void>;
}

export async function openTestDatabase(prefix: string, pools = 1, max = 10): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(prefix);
  const opened = Array.from({ length: pools }, (_, i) => databaseOnPostgres(scratch.url, { max, applicationName: `${prefix}-${i}` }));
  await opened[0]!.migrate({ migrationsFolder, schema: 'tickets' });
  return {
    scratch,
    pools: opened,
    close: async () => {
      await Promise.all(opened.map((d) => d.close()));
      await scratch.drop();
    },
  };
}

const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const closeServer = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/**
 * The events service's internal read, exactly as its contract says: `GET /internal/events/:id`
 * behind the router secret, 200 with the event or 404. Ids in `hang` never get an answer.
 */
export async function startEventsStub() {
  const events = new Map<string, EventInfo>();
  const hang = new Set<string>();
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls++;
    const match = /^\/internal\/events\/([^/?]+)$/.exec(req.url ?? '');
    if (req.headers[HeaderNames.routerSecret] !== ROUTER_SECRET) return void res.writeHead(401).end();
    if (req.method !== 'GET' || !match) return void res.writeHead(404).end();
    const id = decodeURIComponent(match[1]!);
    if (hang.has(id)) return;
    const event = events.get(id);
    if (!event) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(event));
  });
  const url = await listen(server);
  return {
    url,
    events,
    hang,
    calls: () => calls,
    /** A published event, organized by `organizerId`, starting tomorrow. */
    add(patch: Partial<EventInfo> = {}): EventInfo {
      const event: EventInfo = {
        id: randomUUID(),
        organizerId: randomUUID(),
        status: 'PUBLISHED',
        startsAt: new Date(Date.now() + 86_400_000),
        endsAt: new Date(Date.now() + 2 * 86_400_000),
        title: 'Sbor live',
        venue: 'Main hall',
        ...patch,
      };
      events.set(event.id, event);
      return event;
    },
    close: () => closeServer(server),
  };
}
export type EventsStub = Awaited<ReturnType<typeof startEventsStub>>;

export const viewer = (userId: string = randomUUID()): Viewer => ({ userId, role: 'USER', tokenId: randomUUID() });

/** A small deterministic PRNG (mulberry32), so a failing race can be replayed by its seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The AppError code a rejected promise carries, or 'OK'. */
export async function outcome<T>(promise: Promise<T>): Promise<{ code: string; value?: T; extensions?: Record<string, unknown> }> {
  try {
    return { code: 'OK', value: await promise };
  } catch (error) {
    const e = error as { extensions?: Record<string, unknown> };
    return { code: String(e.extensions?.code ?? 'UNEXPECTED'), extensions: e.extensions };
  }
}
