import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@sbor/testing';
import { databaseOnPglite, openEmbeddedPostgres } from '@sbor/db';
import type { Bus, IncomingMessage } from '../bus.js';
import { createLogBus } from './log-bus.js';

const fast = { retry: { initialDelayMs: 5, maxDelayMs: 20 } };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A PGlite on disk (so a test can close everything and open it again, as a restart would) or in memory. */
async function open(dir?: string) {
  const pglite = await openEmbeddedPostgres(dir);
  const bus = await createLogBus(databaseOnPglite(pglite), fast);
  return {
    bus,
    close: async () => {
      await bus.close();
      await pglite.close();
    },
  };
}

function collector(bus: Bus, groupId: string, topics = ['ticket.purchased']) {
  const seen: IncomingMessage[] = [];
  const ready = bus.subscribe({ groupId, topics, handler: async (m) => void seen.push(m), maxAttempts: 2 });
  return { seen, ready };
}

const until = (check: () => boolean) => waitFor(check, 5_000, 'the log bus');

const msg = (key: string, value: string) => ({ topic: 'ticket.purchased', key, value });

// Opening PGlite on disk runs initdb, which takes seconds on a busy two-core machine.
describe('createLogBus', { timeout: 60_000 }, () => {
  it('delivers every message once to each group, in order per key', async () => {
    const { bus, close } = await open();
    const a = collector(bus, 'a');
    const b = collector(bus, 'b');
    await Promise.all([a.ready, b.ready]);
    await bus.publish([msg('k1', '1'), msg('k2', 'x'), msg('k1', '2'), msg('k1', '3')]);
    await until(() => a.seen.length === 4 && b.seen.length === 4);
    await new Promise((r) => setTimeout(r, 50));
    for (const c of [a, b]) {
      expect(c.seen).toHaveLength(4);
      expect(c.seen.filter((m) => m.key === 'k1').map((m) => m.value)).toEqual(['1', '2', '3']);
    }
    await close();
  });

  it('keeps what was published but not yet processed across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'logbus-'));
    dirs.push(dir);
    const first = await open(dir);
    await first.bus.publish([msg('k', 'before the crash')]);
    await first.close();

    const second = await open(dir);
    const c = collector(second.bus, 'late-group');
    await c.ready;
    await until(() => c.seen.length === 1);
    expect(c.seen.map((m) => m.value)).toEqual(['before the crash']);
    await second.close();
  });

  it('commits a position only after the handler resolved, so a failed message comes back after a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'logbus-'));
    dirs.push(dir);
    const first = await open(dir);
    let calls = 0;
    await first.bus.subscribe({
      groupId: 'g',
      topics: ['ticket.purchased'],
      maxAttempts: 50,
      handler: async () => {
        calls++;
        throw new Error('database down');
      },
    });
    await first.bus.publish([msg('k', 'v')]);
    await until(() => calls >= 1);
    await first.close();

    const second = await open(dir);
    const c = collector(second.bus, 'g');
    await c.ready;
    await until(() => c.seen.length === 1);
    expect(c.seen.map((m) => m.value)).toEqual(['v']);
    await second.close();
  });

  it('parks a message that keeps failing in the dead-letter topic and moves on', async () => {
    const { bus, close } = await open();
    const handled: string[] = [];
    const deadLettered: string[] = [];
    await bus.subscribe({
      groupId: 'g',
      topics: ['ticket.purchased'],
      maxAttempts: 2,
      handler: async (m) => {
        if (m.value === 'poison') throw new Error('cannot handle');
        handled.push(m.value);
      },
      onDeadLettered: (m) => void deadLettered.push(m.value),
    });
    const parked = collector(bus, 'dlq-reader', ['ticket.purchased.dlq']);
    await parked.ready;
    await bus.publish([msg('k', 'poison'), msg('k', 'fine')]);
    await until(() => handled.length === 1 && parked.seen.length === 1);
    expect(handled).toEqual(['fine']);
    expect(parked.seen[0]).toMatchObject({ value: 'poison', headers: expect.objectContaining({ 'x-dlq-error': 'cannot handle' }) });
    // The subscriber hears of the parking (what `countDeadLetters` counts).
    expect(deadLettered).toEqual(['poison']);
    await close();
  });

  it('starts a new group at the end when asked for the latest messages only', async () => {
    const { bus, close } = await open();
    await bus.publish([msg('k', 'history')]);
    const seen: string[] = [];
    await bus.subscribe({
      groupId: 'fresh',
      topics: ['ticket.purchased'],
      startAt: 'latest',
      handler: async (m) => void seen.push(m.value),
    });
    await bus.publish([msg('k', 'news')]);
    await until(() => seen.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['news']);
    expect(await bus.lag!('fresh')).toEqual([{ topic: 'ticket.purchased', lag: 0 }]);
    await close();
  });
});
