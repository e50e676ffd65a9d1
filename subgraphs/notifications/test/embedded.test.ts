import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { createMemoryCache, type Cache } from '@sbor/cache';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { databaseOnPglite, openEmbeddedPostgres } from '@sbor/db';
import { createMemoryBus, makeFact, type MemoryBus } from '@sbor/messaging';
import { startTokenIssuer, waitFor, type TokenIssuer } from '@sbor/testing';
import { notificationsSettings } from '../src/config.js';
import { notificationsSubgraph } from '../src/subgraph.js';
import { facts, ROUTER_SECRET, testLogger } from './support.js';

/** Embedded mode: PGlite, the in-process bus and cache, one process, nothing installed. */
let pglite: PGlite;
let bus: MemoryBus;
let cache: Cache;
let server: RunningSubgraph<unknown>;
let issuer: TokenIssuer;

beforeAll(async () => {
  pglite = await openEmbeddedPostgres();
  bus = createMemoryBus({ logger: testLogger });
  cache = createMemoryCache();
  issuer = await startTokenIssuer();
  const settings = notificationsSettings.load({ ROUTER_SECRET, NOTIFICATIONS_PORT: '0', NODE_ENV: 'test' });
  server = await startSubgraph(notificationsSubgraph, settings, {
    database: databaseOnPglite(pglite),
    cache,
    bus,
    logger: testLogger,
    verifyToken: issuer.verifyToken,
  });
});

afterAll(async () => {
  await server?.stop();
  await bus?.close();
  await cache?.close();
  await pglite?.close();
  await issuer?.close();
});

describe('notifications service in embedded mode', () => {
  it('turns a fact into a live notification for its user', async () => {
    const userId = randomUUID();
    const client = createClient({
      url: server.url.replace(/^http/, 'ws'),
      connectionParams: { 'router-authorization': ROUTER_SECRET, authorization: `Bearer ${await issuer.token(userId)}` },
      retryAttempts: 0,
    });
    const received: string[] = [];
    client.subscribe<{ notificationAdded: { title: string } }>(
      { query: 'subscription { notificationAdded { title } }' },
      { next: (r) => r.data && received.push(r.data.notificationAdded.title), error: () => {}, complete: () => {} },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const event = facts.published({ title: 'Jazz Night' });
    const order = facts.orderPaid({ buyer_id: userId, event_id: event.event_id });
    await bus.publish([
      { topic: 'event.published', key: event.event_id, value: JSON.stringify(makeFact('event.published', event)) },
      { topic: 'order.paid', key: order.order_id, value: JSON.stringify(makeFact('order.paid', order)) },
    ]);
    await waitFor(() => received.length > 0, 5_000, 'the live notification');
    // The two facts are on different topics, so the title is there only if event.published came first.
    expect(received[0]).toMatch(/^Your tickets (for Jazz Night )?are ready$/);
    await client.dispose();
  });
});
