import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { sleep, waitFor } from '@sbor/testing';
import { inMemoryNotificationsRepositories } from '../domain/in-memory.js';
import { AppError, ErrorCode } from '@sbor/core';
import type { EmailTicket, TicketsClient } from '../clients/tickets.js';
import type { EmailMessage, Mailer } from './email.js';
import type { PushOutcome, PushSender } from './push.js';
import { backoffMs, createDeliveryWorker, type DeliveryWorker } from './worker.js';

let repositories: ReturnType<typeof inMemoryNotificationsRepositories>;
let sent: EmailMessage[];
let smtpFailuresLeft: number;
let pushAnswer: PushOutcome;
let worker: DeliveryWorker | undefined;

const mailer: Mailer = {
  send: async (message) => {
    if (smtpFailuresLeft-- > 0) throw new Error('451 try again later');
    sent.push(message);
  },
  close: () => {},
};
const push: PushSender = async () => pushAnswer;
/** The tickets service as the worker sees it: the tickets it knows, or no answer while `ticketsDown`. */
let ticketsDown: number;
let knownTickets: Map<string, EmailTicket & { ownerId: string }>;
const asked: { userId: string; ticketIds: readonly string[] }[] = [];
const tickets: TicketsClient = {
  forEmail: async (userId, ticketIds) => {
    asked.push({ userId, ticketIds });
    if (ticketsDown-- > 0) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The tickets service did not answer in time.');
    return [...knownTickets.values()].filter((t) => t.ownerId === userId).map(({ ownerId: _owner, ...t }) => t);
  },
};

beforeEach(() => {
  repositories = inMemoryNotificationsRepositories();
  sent = [];
  smtpFailuresLeft = 0;
  pushAnswer = 'sent';
  ticketsDown = 0;
  knownTickets = new Map();
  asked.length = 0;
});
afterEach(() => worker?.stop());

function start(maxAttempts = 3) {
  worker = createDeliveryWorker({
    repositories,
    logger: createLogger('delivery-spec', 'silent'),
    mailer,
    tickets,
    push,
    pollMs: 10,
    maxAttempts,
    initialBackoffMs: 5,
    maxBackoffMs: 20,
  });
  worker.start();
}

/** The user's address as the users service's facts leave it: registered, then verified. */
async function verifiedAddress(userId: string, email: string) {
  await repositories.contacts.saveEmail(userId, email, new Date(Date.now() - 60_000));
  await repositories.contacts.markVerified(userId, new Date());
}

async function notificationFor(userId: string, channel: 'EMAIL' | 'PUSH', pushSubscriptionId?: string) {
  const [row] = await repositories.notifications.insert([
    { userId, type: 'TICKET_PURCHASED', title: 'Your ticket', body: 'Confirmed.', sourceFactId: randomUUID() },
  ]);
  await repositories.deliveries.insert([{ notificationId: row!.id, channel, pushSubscriptionId }]);
  return repositories.memory.deliveries.at(-1)!;
}

async function orderPaidFor(userId: string, ticketId: string) {
  const [row] = await repositories.notifications.insert([
    { userId, type: 'ORDER_PAID', title: 'Your ticket is ready', body: 'Order SB-1 is confirmed.', ticketId, sourceFactId: randomUUID() },
  ]);
  await repositories.deliveries.insert([{ notificationId: row!.id, channel: 'EMAIL' }]);
  return repositories.memory.deliveries.at(-1)!;
}

describe('delivery worker', () => {
  it('lists the tickets of an ORDER_PAID email with their codes, asked of the tickets service for that user', async () => {
    const userId = randomUUID();
    const ticketId = randomUUID();
    knownTickets.set(ticketId, {
      id: ticketId,
      ownerId: userId,
      code: 'K7Q2-XR4M-P9TD',
      status: 'ACTIVE',
      ticketTypeName: 'Deck',
      attendeeName: 'Hana',
    });
    await verifiedAddress(userId, 'hana@example.com');
    const delivery = await orderPaidFor(userId, ticketId);
    start();

    await waitFor(() => delivery.sentAt, 2_000, 'the send');
    expect(asked).toEqual([{ userId, ticketIds: [ticketId] }]);
    expect(sent[0]!.text).toContain('- K7Q2-XR4M-P9TD · Deck · Hana');
    expect(sent[0]!.html).toContain('<li>K7Q2-XR4M-P9TD · Deck · Hana</li>');
  });

  it('never sends an ORDER_PAID email without its tickets: while the tickets service does not answer, it retries', async () => {
    const userId = randomUUID();
    const ticketId = randomUUID();
    knownTickets.set(ticketId, {
      id: ticketId,
      ownerId: userId,
      code: 'ZZZZ-0000',
      status: 'ACTIVE',
      ticketTypeName: 'Deck',
      attendeeName: null,
    });
    await verifiedAddress(userId, 'ida@example.com');
    ticketsDown = 2;
    const delivery = await orderPaidFor(userId, ticketId);
    start(5);

    await waitFor(() => delivery.sentAt, 2_000, 'the send once tickets answered');
    expect(delivery).toMatchObject({ attempts: 3, failedAt: null });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('ZZZZ-0000 · Deck');
  });

  it('emails the notification to the address it knows, with the title as subject', async () => {
    const userId = randomUUID();
    await verifiedAddress(userId, 'ann@example.com');
    const delivery = await notificationFor(userId, 'EMAIL');
    start();

    await waitFor(() => delivery.sentAt, 2_000, 'the send');
    expect(sent.map((m) => [m.to, m.subject])).toEqual([['ann@example.com', 'Your ticket']]);
  });

  it('retries a failing send and records it sent once it goes through', async () => {
    const userId = randomUUID();
    await verifiedAddress(userId, 'bob@example.com');
    smtpFailuresLeft = 2;
    const delivery = await notificationFor(userId, 'EMAIL');
    start();

    await waitFor(() => delivery.sentAt, 2_000, 'the send after retries');
    expect(delivery).toMatchObject({ attempts: 3, failedAt: null, lastError: null });
    expect(sent).toHaveLength(1);
  });

  it('gives up after the last attempt and keeps the error', async () => {
    const userId = randomUUID();
    await verifiedAddress(userId, 'carl@example.com');
    smtpFailuresLeft = 100;
    const delivery = await notificationFor(userId, 'EMAIL');
    start(3);

    await waitFor(() => delivery.failedAt, 2_000, 'giving up');
    expect(delivery).toMatchObject({ attempts: 3, sentAt: null, lastError: '451 try again later' });
  });

  it('records a send with no known address as failed at once, without retrying', async () => {
    const delivery = await notificationFor(randomUUID(), 'EMAIL');
    start();

    await waitFor(() => delivery.failedAt, 2_000, 'the failure');
    expect(delivery).toMatchObject({ attempts: 1, lastError: 'no email address known for this user' });
  });

  it('never emails an address the users service has not verified: skipped at once, not retried', async () => {
    const userId = randomUUID();
    await repositories.contacts.saveEmail(userId, 'eve@example.com', new Date());
    const delivery = await notificationFor(userId, 'EMAIL');
    start();

    await waitFor(() => delivery.failedAt, 2_000, 'the skip');
    expect(delivery).toMatchObject({ attempts: 1, sentAt: null, lastError: 'the email address is not verified' });
    expect(sent).toEqual([]);
  });

  it('never emails a new address before it is verified, though the old one was', async () => {
    const userId = randomUUID();
    await verifiedAddress(userId, 'old@example.com');
    await repositories.contacts.saveEmail(userId, 'new@example.com', new Date(Date.now() + 1_000));
    const delivery = await notificationFor(userId, 'EMAIL');
    start();

    await waitFor(() => delivery.failedAt, 2_000, 'the skip');
    expect(delivery.lastError).toBe('the email address is not verified');
    expect(sent).toEqual([]);
  });

  it('deletes a browser the push service reports gone, with its pending deliveries', async () => {
    const userId = randomUUID();
    await repositories.pushSubscriptions.save({ userId, endpoint: 'https://push.example.com/gone', p256dh: 'k', auth: 'a' }, 10);
    const [browser] = await repositories.pushSubscriptions.of([userId]);
    pushAnswer = 'gone';
    await notificationFor(userId, 'PUSH', browser!.id);
    start();

    await waitFor(async () => (await repositories.pushSubscriptions.of([userId])).length === 0, 2_000, 'the deletion');
    expect(repositories.memory.deliveries).toEqual([]);
  });

  it('sends nothing before it is started', async () => {
    const userId = randomUUID();
    await verifiedAddress(userId, 'dan@example.com');
    await notificationFor(userId, 'EMAIL');
    worker = createDeliveryWorker({
      repositories,
      logger: createLogger('delivery-spec', 'silent'),
      mailer,
      tickets,
      push,
      pollMs: 10,
      maxAttempts: 3,
      initialBackoffMs: 5,
      maxBackoffMs: 20,
    });

    worker.nudge();
    await sleep(50);

    expect(sent).toEqual([]);
  });
});

describe('delivery worker sharing the process with live delivery', () => {
  /** A mailer that holds every send until released, counting how many are in flight at once. */
  function slowMailer() {
    const state = { inFlight: 0, most: 0, sent: 0, release: [] as (() => void)[] };
    const slow: Mailer = {
      send: async () => {
        state.most = Math.max(state.most, ++state.inFlight);
        await new Promise<void>((resolve) => state.release.push(resolve));
        state.inFlight--;
        state.sent++;
      },
      close: () => {},
    };
    return { slow, state };
  }

  async function queueEmails(count: number) {
    for (let i = 0; i < count; i++) {
      const userId = randomUUID();
      await verifiedAddress(userId, `u${i}@example.com`);
      await notificationFor(userId, 'EMAIL');
    }
  }

  const startWith = (mailer: Mailer, more: { concurrency?: number; liveBusy?: () => boolean }) => {
    worker = createDeliveryWorker({
      repositories,
      logger: createLogger('delivery-spec', 'silent'),
      mailer,
      tickets,
      push,
      pollMs: 10,
      maxAttempts: 3,
      initialBackoffMs: 5,
      maxBackoffMs: 20,
      ...more,
    });
    worker.start();
  };

  const releaseAll = async (state: ReturnType<typeof slowMailer>['state'], total: number) => {
    while (state.sent < total) {
      state.release.splice(0).forEach((release) => release());
      await sleep(5);
    }
  };

  it('keeps to its concurrency, however many sends are due', async () => {
    const { slow, state } = slowMailer();
    await queueEmails(12);
    startWith(slow, { concurrency: 3 });

    await waitFor(() => state.inFlight === 3, 2_000, 'three sends in flight');
    await sleep(30);
    expect(state.inFlight).toBe(3);
    await releaseAll(state, 12);
    expect(state.most).toBe(3);
  });

  it('sends one at a time while live delivery is busy, and still sends everything', async () => {
    const { slow, state } = slowMailer();
    await queueEmails(6);
    startWith(slow, { concurrency: 4, liveBusy: () => true });

    await waitFor(() => state.inFlight === 1, 2_000, 'a send in flight');
    await sleep(30);
    expect(state.inFlight).toBe(1);
    await releaseAll(state, 6);
    expect(state.most).toBe(1);
    expect(repositories.memory.deliveries.every((d) => d.sentAt)).toBe(true);
  });
});

describe('backoffMs', () => {
  it('doubles from the first delay per attempt, up to the ceiling', () => {
    expect([1, 2, 3, 4, 10].map((attempt) => backoffMs(attempt, 100, 500))).toEqual([100, 200, 400, 500, 500]);
  });
});
