import { describe, expect, it } from 'vitest';
import { createCheckInQueue, type CheckInEntry, type SendOutcome } from './check-in-queue';
import { memoryStorage } from './storage';

const EVENT = 'e1';

/** A queue over memory storage with a scripted server and a hand-moved clock. */
function setup(answers: ((entry: CheckInEntry) => SendOutcome)[] = []) {
  const storage = memoryStorage();
  let clock = Date.parse('2026-05-01T18:00:00Z');
  let online = true;
  const sent: string[] = [];
  let ids = 0;
  const queue = createCheckInQueue({
    storage,
    send: async (entry) => {
      sent.push(entry.code);
      const answer = answers.shift();
      return answer ? answer(entry) : { kind: 'checked-in', ticket: { ticketId: `t-${entry.code}`, ownerName: 'Ann' } };
    },
    isOnline: () => online,
    now: () => new Date(clock),
    newId: () => `c${(ids += 1)}`,
  });
  return {
    storage,
    queue,
    sent,
    tick: (ms: number) => (clock += ms),
    setOnline: (value: boolean) => (online = value),
    states: () => queue.entries(EVENT).map((e) => [e.code, e.state]),
  };
}

const add = (queue: ReturnType<typeof setup>['queue'], code: string) =>
  queue.add({ eventId: EVENT, code, verified: true, ticketId: `t-${code}` });

describe('createCheckInQueue', () => {
  it('keeps check-ins made offline as pending, then sends them one at a time, oldest first, once online', async () => {
    const { queue, sent, tick, setOnline, states } = setup();
    setOnline(false);
    await add(queue, 'a');
    tick(1000);
    await add(queue, 'b');
    await queue.sync();
    expect(sent).toEqual([]);
    expect(states()).toEqual([
      ['b', 'pending'],
      ['a', 'pending'],
    ]);

    setOnline(true);
    await queue.sync();
    expect(sent).toEqual(['a', 'b']);
    expect(states()).toEqual([
      ['b', 'synced'],
      ['a', 'synced'],
    ]);
    expect(queue.get('c1')?.ticket).toMatchObject({ ownerName: 'Ann' });
  });

  it('survives a reload: what is stored is read back, pending or not', async () => {
    const { storage, queue, setOnline } = setup();
    setOnline(false);
    await add(queue, 'a');
    const again = createCheckInQueue({ storage, send: async () => ({ kind: 'no-answer' }), isOnline: () => false });
    await again.load();
    expect(again.entries(EVENT).map((e) => [e.code, e.state])).toEqual([['a', 'pending']]);
  });

  it('stops at the first request with no answer and tries again later, remembering it was sent', async () => {
    const { queue, sent, states } = setup([() => ({ kind: 'no-answer' })]);
    await add(queue, 'a');
    await add(queue, 'b');
    await queue.sync();
    expect(sent).toEqual(['a']);
    expect(queue.get('c1')?.unanswered).toHaveLength(1);
    await queue.sync();
    expect(sent).toEqual(['a', 'a', 'b']);
    expect(states().sort()).toEqual([
      ['a', 'synced'],
      ['b', 'synced'],
    ]);
  });

  it('reads "already used" as its own earlier check-in when the server’s time falls within its unanswered attempt', async () => {
    const { queue, states } = setup([
      () => ({ kind: 'no-answer' }), // the request landed, its answer was lost
      () => ({ kind: 'refused', reason: 'USED', checkedInAt: '2026-05-01T18:00:01Z' }),
    ]);
    await add(queue, 'a');
    await queue.sync();
    await queue.sync();
    expect(states()).toEqual([['a', 'synced']]);
    expect(queue.get('c1')).toMatchObject({ unanswered: [], ticket: { checkedInAt: '2026-05-01T18:00:01Z' } });
  });

  it('shows a conflict when the server says used and this device never sent it before: another door admitted the ticket', async () => {
    const { queue, states } = setup([() => ({ kind: 'refused', reason: 'USED', checkedInAt: '2026-05-01T17:59:30Z' })]);
    await add(queue, 'a');
    await queue.sync();
    expect(states()).toEqual([['a', 'conflict']]);
    expect(queue.get('c1')?.refusal).toEqual({ reason: 'USED', checkedInAt: '2026-05-01T17:59:30Z' });
  });

  it('shows a conflict when the server’s check-in time is far from this device’s unanswered attempt', async () => {
    const { queue, states, tick } = setup([
      () => ({ kind: 'no-answer' }),
      () => ({ kind: 'refused', reason: 'USED', checkedInAt: '2026-05-01T17:30:00Z' }),
    ]);
    await add(queue, 'a');
    await queue.sync();
    tick(5_000);
    await queue.sync();
    expect(states()).toEqual([['a', 'conflict']]);
  });

  it('records a refusal for a cancelled ticket as a conflict too, and goes on with the rest', async () => {
    const { queue, states } = setup([() => ({ kind: 'refused', reason: 'CANCELLED' })]);
    await add(queue, 'a');
    await add(queue, 'b');
    await queue.sync();
    expect(states().sort()).toEqual([
      ['a', 'conflict'],
      ['b', 'synced'],
    ]);
  });

  it('waits, with no attempt recorded, while signed out', async () => {
    const { queue, states } = setup([() => ({ kind: 'not-sent' })]);
    await add(queue, 'a');
    await queue.sync();
    expect(states()).toEqual([['a', 'pending']]);
    expect(queue.get('c1')?.unanswered).toEqual([]);
  });

  it('finds the latest check-in of a ticket by its id or by the code sent', async () => {
    const { queue, setOnline } = setup();
    setOnline(false);
    await add(queue, 'a');
    expect(queue.latestFor(EVENT, { ticketId: 't-a' })?.code).toBe('a');
    expect(queue.latestFor(EVENT, { code: 'a' })?.code).toBe('a');
    expect(queue.latestFor('another event', { code: 'a' })).toBeUndefined();
  });

  it('forgets synced check-ins after a few days, never pending ones', async () => {
    const { storage, queue, tick, setOnline } = setup();
    await add(queue, 'old');
    await queue.sync();
    setOnline(false);
    await add(queue, 'waiting');
    tick(4 * 24 * 60 * 60 * 1000);
    await queue.load();
    expect(queue.entries(EVENT).map((e) => e.code)).toEqual(['waiting']);
    expect((await storage.checkIns()).map((e) => e.code)).toEqual(['waiting']);
  });

  it('forgets a check-in the server took back (undoCheckIn), here and in storage, but never a pending one', async () => {
    const { storage, queue, setOnline } = setup();
    const undone = await add(queue, 'undone');
    await queue.sync();
    setOnline(false);
    const waiting = await add(queue, 'waiting');

    await queue.forget(undone.id);
    await queue.forget(waiting.id);
    expect(queue.latestFor(EVENT, { ticketId: 't-undone' })).toBeUndefined();
    expect(queue.entries(EVENT).map((e) => e.code)).toEqual(['waiting']);
    expect((await storage.checkIns()).map((e) => e.code)).toEqual(['waiting']);
  });
});
