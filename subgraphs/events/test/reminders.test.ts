import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '@sbor/db';
import { OutboxRelay, parseFact, Topics, type Bus, type Subscription } from '@sbor/messaging';
import { waitFor } from '@sbor/testing';
import { outbox } from '../src/db/outbox.js';
import { reminders } from '../src/db/reminders.js';
import { eventsRepositories } from '../src/db/repositories.js';
import { ReminderScheduler } from '../src/domain/reminders.js';
import { eventsDatabase, kafkaBus, observe, organizer, organizerEventsOn, publishedEvent, settle, testLogger } from './support.js';

let close: () => Promise<void>;
let replicas: Database[];
let bus: Bus;
const subscriptions: Subscription[] = [];

beforeAll(async () => {
  const database = await eventsDatabase(3);
  close = database.close;
  replicas = database.pools;
  bus = kafkaBus();
});

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.stop()));
  await bus?.close();
  await close?.();
});

const schedulerOn = (replica: Database, batchSize = 3) =>
  new ReminderScheduler(eventsRepositories(replica.db).reminders, { logger: testLogger, intervalMs: 60_000, batchSize });
const relayOn = (replica: Database) => new OutboxRelay({ db: replica.db, table: outbox, bus, logger: testLogger });

async function watchReminders(eventIds: string[]) {
  const { seen, subscription } = await observe(bus, Topics.eventReminder, new Set(eventIds));
  subscriptions.push(subscription);
  return seen;
}

/** Publishes `n` events two days ahead: each gets a 24 h and a 1 h reminder row. */
async function publishEvents(n: number): Promise<string[]> {
  const events = organizerEventsOn(replicas[0]!);
  const who = organizer();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await publishedEvent(events, who, 48, `Reminded ${i}`));
  return ids;
}

/** Time travel for one offset: its rows become due now, as if the clock had reached them. */
async function makeDue(eventIds: string[], offset: '24h' | '1h') {
  await replicas[0]!.db
    .update(reminders)
    .set({ dueAt: sql`now() - interval '1 second'` })
    .where(and(inArray(reminders.eventId, eventIds), eq(reminders.offset, offset)));
}

const pendingCount = async (eventIds: string[]) =>
  (
    await replicas[0]!.db
      .select({ id: reminders.id })
      .from(reminders)
      .where(and(inArray(reminders.eventId, eventIds), isNull(reminders.sentAt), isNull(reminders.skippedAt)))
  ).length;

describe('ReminderScheduler', () => {
  it('emits each reminder exactly once when two schedulers on separate connections run at once', async () => {
    const ids = await publishEvents(12);
    const seen = await watchReminders(ids);
    const schedulers = [schedulerOn(replicas[0]!), schedulerOn(replicas[1]!)];
    const relays = [relayOn(replicas[0]!), relayOn(replicas[1]!)];

    for (const offset of ['24h', '1h'] as const) {
      await makeDue(ids, offset);
      // Small batches and several rounds each, so the two really interleave on the same rows.
      const runs = await Promise.all(schedulers.flatMap((s) => [s.runOnce(), s.runOnce(), s.runOnce()]));
      expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(ids.length);
      await Promise.all(relays.map((r) => r.drain()));
    }

    await waitFor(() => seen.length >= 2 * ids.length, 20_000, 'all reminders');
    await settle();
    const facts = seen.map((m) => parseFact(Topics.eventReminder, m.value));
    expect(facts).toHaveLength(2 * ids.length);
    const pairs = facts.map((f) => `${f.data.event_id}/${f.data.offset}`);
    expect(new Set(pairs).size).toBe(2 * ids.length);
    for (const id of ids) expect(pairs).toEqual(expect.arrayContaining([`${id}/24h`, `${id}/1h`]));
    expect(facts[0]!.data).toMatchObject({ venue: 'Test Hall' });
    expect(facts.every((f) => f.id === f.data.reminder_id)).toBe(true);
    expect(await pendingCount(ids)).toBe(0);

    // A restarted service finds nothing left to send.
    expect(await schedulerOn(replicas[2]!).runOnce()).toEqual({ sent: 0, skipped: 0 });
  });

  it('loses no reminder when a scheduler dies in the middle of its claim transaction', async () => {
    const ids = await publishEvents(3);
    const seen = await watchReminders(ids);
    await makeDue(ids, '24h');

    // Hold the outbox so the doomed replica's claim stops between locking rows and writing facts.
    await replicas[2]!.db.transaction(async (tx) => {
      await tx.execute(sql`lock table events.outbox in share mode`);
      // Its failure is awaited only after the kill below, and the kill's answer may come after the
      // dead session's close: handle it now, or Node reports an unhandled rejection in between.
      const claim = schedulerOn(replicas[1]!, 100)
        .runOnce()
        .then(
          () => 'committed',
          (error: unknown) => error,
        );
      await waitFor(
        async () => {
          const blocked = rowsOf<{ n: number }>(
            await tx.execute(
              sql`select count(*)::int as n from pg_stat_activity where application_name = 'events-replica-2' and wait_event_type = 'Lock'`,
            ),
          );
          return blocked[0]?.n === 1;
        },
        10_000,
        'the claim to block',
      );
      // The process dies: PostgreSQL ends its session and rolls its transaction back.
      await tx.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'events-replica-2'`);
      expect(await claim).toBeInstanceOf(Error); // not 'committed'
    });

    expect(await pendingCount(ids)).toBe(3 * 2);
    expect(await schedulerOn(replicas[0]!).runOnce()).toMatchObject({ sent: 3 });
    await relayOn(replicas[0]!).drain();
    await waitFor(() => seen.length >= 3, 20_000, 'the reminders after the crash');
    await settle();
    expect(seen.map((m) => parseFact(Topics.eventReminder, m.value).data.event_id).sort()).toEqual([...ids].sort());
  });

  it('loses no reminder when a scheduler dies after claiming but before its relay published', async () => {
    const ids = await publishEvents(3);
    const seen = await watchReminders(ids);
    await makeDue(ids, '24h');

    // Replica 2 claims and commits, then dies before its relay ran: the facts wait in the outbox.
    expect(await schedulerOn(replicas[1]!).runOnce()).toMatchObject({ sent: 3 });
    const waiting = await replicas[0]!.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, Topics.eventReminder), isNull(outbox.sentAt)));
    expect(waiting.filter((row) => ids.includes(row.key))).toHaveLength(3);

    // Another replica's relay picks them up; its scheduler has nothing to claim twice.
    expect(await schedulerOn(replicas[0]!).runOnce()).toEqual({ sent: 0, skipped: 0 });
    await relayOn(replicas[0]!).drain();
    await waitFor(() => seen.length >= 3, 20_000, 'relayed reminders');
    await settle();
    expect(seen).toHaveLength(3);
  });

  it('skips, rather than sends, a reminder that went stale while no scheduler ran', async () => {
    const ids = await publishEvents(1);
    // Down for a day: both offsets are due, and "starts in 24 hours" would now be wrong.
    await makeDue(ids, '24h');
    await makeDue(ids, '1h');
    await replicas[0]!.db
      .update(reminders)
      .set({ dueAt: sql`now() - interval '1 hour'` })
      .where(and(inArray(reminders.eventId, ids), eq(reminders.offset, '24h')));
    expect(await schedulerOn(replicas[0]!).runOnce()).toEqual({ sent: 1, skipped: 1 });
    const rows = await replicas[0]!.db.select().from(reminders).where(inArray(reminders.eventId, ids));
    expect(rows.find((r) => r.offset === '24h')?.skippedAt).toBeInstanceOf(Date);
    expect(rows.find((r) => r.offset === '1h')?.sentAt).toBeInstanceOf(Date);
  });
});
