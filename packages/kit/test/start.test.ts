import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMemoryCache } from '@sbor/cache';
import { AppError, createLogger, ErrorCode } from '@sbor/core';
import { databaseOnPglite, openEmbeddedPostgres } from '@sbor/db';
import { createMemoryBus } from '@sbor/messaging';
import { defineSubgraph, type Infrastructure, type Part, type ServingSettings } from '../src/define.js';
import { servingSettings, servingVariables, settingsModel } from '../src/settings.js';
import { startSubgraph } from '../src/start.js';

/**
 * The kit's lifecycle promise (start.ts), on a one-field subgraph over an in-memory PGlite: parts
 * start in order before the server listens; a failure stops what already started, in reverse; and
 * `stop()` closes sockets, then drains HTTP, then stops the parts in reverse.
 */
const SECRET = 'kit-lifecycle-secret-0123456789';
const logger = createLogger('kit-lifecycle-test', 'silent');
const PARTS = ['outbox relay', 'consumer', 'scheduler'];

let pglite: Awaited<ReturnType<typeof openEmbeddedPostgres>>;
let infra: Infrastructure;
let fixtures: string;

beforeAll(async () => {
  fixtures = mkdtempSync(join(tmpdir(), 'sbor-kit-lifecycle-'));
  writeFileSync(join(fixtures, 'schema.graphql'), 'type Query { ping: Boolean }\n');
  // No migrations of its own: the step still runs (and creates its bookkeeping schema).
  mkdirSync(join(fixtures, 'migrations', 'meta'), { recursive: true });
  writeFileSync(
    join(fixtures, 'migrations', 'meta', '_journal.json'),
    JSON.stringify({ version: '7', dialect: 'postgresql', entries: [] }),
  );
  pglite = await openEmbeddedPostgres();
  infra = {
    database: databaseOnPglite(pglite),
    cache: createMemoryCache(),
    bus: createMemoryBus({ logger }),
    logger,
    verifyToken: async () => {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'No tokens in this test.');
    },
  };
});

afterAll(async () => {
  await infra?.bus.close();
  await infra?.cache.close();
  await pglite?.close();
});

class PartFailed extends Error {}

interface Recording {
  /** `start <part>` / `stop <part>`, in the order they happened. */
  log: string[];
  failToStart?: string;
  failToStop?: string;
  /** Called as each part starts and stops, so a test can look at the server right then. */
  observe?: (event: string) => Promise<void>;
}

function recordingPart(name: string, recording: Recording): Part {
  return {
    name,
    start: async () => {
      await recording.observe?.(`start ${name}`);
      if (recording.failToStart === name) throw new PartFailed(`${name} could not start`);
      recording.log.push(`start ${name}`);
      return async () => {
        await recording.observe?.(`stop ${name}`);
        recording.log.push(`stop ${name}`);
        if (recording.failToStop === name) throw new PartFailed(`${name} could not stop`);
      };
    },
  };
}

function lifecycleSubgraph(recording: Recording, webSocket = false) {
  return defineSubgraph({
    name: 'lifecycle',
    schema: join(fixtures, 'schema.graphql'),
    migrations: join(fixtures, 'migrations'),
    settings: settingsModel(servingVariables('lifecycle', 0), (values) => servingSettings('lifecycle', values)),
    usesCache: false,
    resolvers: { Query: { ping: () => true } },
    setup: () => ({}),
    parts: () => PARTS.map((name) => recordingPart(name, recording)),
    context: (_domain, base) => base,
    webSocket,
  });
}

const settingsOn = (port: number): ServingSettings => ({ port, host: '127.0.0.1', production: false, routerSecret: SECRET });

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Whether the subgraph's health probe answers on `port`. */
const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/healthz`).then(
    (response) => response.ok,
    () => false,
  );

describe('startSubgraph', () => {
  it('starts the parts in the order given, all before the server listens', async () => {
    const port = await freePort();
    const listeningAt: Record<string, boolean> = {};
    const recording: Recording = { log: [], observe: async (event) => void (listeningAt[event] = await answers(port)) };

    const running = await startSubgraph(lifecycleSubgraph(recording), settingsOn(port), infra);
    try {
      expect(recording.log).toEqual(['start outbox relay', 'start consumer', 'start scheduler']);
      expect(listeningAt).toEqual({ 'start outbox relay': false, 'start consumer': false, 'start scheduler': false });
      expect(await answers(running.port)).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it('stops the parts already started, in reverse, when a later part fails to start, and rethrows its error', async () => {
    const recording: Recording = { log: [], failToStart: 'scheduler' };

    await expect(startSubgraph(lifecycleSubgraph(recording), settingsOn(0), infra)).rejects.toThrow('scheduler could not start');

    expect(recording.log).toEqual(['start outbox relay', 'start consumer', 'stop consumer', 'stop outbox relay']);
  });

  it('stops every part, in reverse, when the server cannot listen, and rethrows its error', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const recording: Recording = { log: [] };
    try {
      const { port } = taken.address() as net.AddressInfo;
      await expect(startSubgraph(lifecycleSubgraph(recording), settingsOn(port), infra)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }

    expect(recording.log).toEqual([
      'start outbox relay',
      'start consumer',
      'start scheduler',
      'stop scheduler',
      'stop consumer',
      'stop outbox relay',
    ]);
  });
});

describe('RunningSubgraph.stop', () => {
  it('closes the sockets, then drains HTTP, then stops the parts in reverse', async () => {
    const listeningAt: Record<string, boolean> = {};
    let port = 0;
    const recording: Recording = { log: [], observe: async (event) => void (listeningAt[event] = await answers(port)) };
    const running = await startSubgraph(lifecycleSubgraph(recording, true), settingsOn(0), infra);
    port = running.port;
    const socket = await routerSocket(running.url);
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));

    await running.stop();

    expect(recording.log.slice(PARTS.length)).toEqual(['stop scheduler', 'stop consumer', 'stop outbox relay']);
    expect(listeningAt).toMatchObject({ 'stop scheduler': false, 'stop consumer': false, 'stop outbox relay': false });
    // 1001 Going Away is graphql-ws closing it; had the HTTP drain come first, it would have cut the socket (1006).
    expect(await closed).toBe(1001);
  });

  it('stops the other parts when one fails to stop', async () => {
    const recording: Recording = { log: [], failToStop: 'consumer' };
    const running = await startSubgraph(lifecycleSubgraph(recording), settingsOn(0), infra);

    await running.stop();

    expect(recording.log.slice(PARTS.length)).toEqual(['stop scheduler', 'stop consumer', 'stop outbox relay']);
  });
});

/** The router's multiplexed graphql-ws connection, acknowledged. */
async function routerSocket(httpUrl: string): Promise<WebSocket> {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { 'router-authorization': SECRET, multiplexed: true } }));
  await new Promise<void>((resolve, reject) => {
    socket.once('message', (data) => {
      const { type } = JSON.parse(String(data)) as { type: string };
      if (type === 'connection_ack') resolve();
      else reject(new Error(`expected connection_ack, got ${type}`));
    });
  });
  return socket;
}
