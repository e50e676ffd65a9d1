import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFact } from '@sbor/messaging';
import { sleep, waitFor } from '@sbor/testing';
import { deliveries, inbox, notifications } from '../src/db/index.js';
import { startSmtp } from './smtp.js';
import { facts, startHarness, type Harness } from './support.js';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let h: Harness;
beforeAll(async () => {
  smtp = await startSmtp();
  h = await startHarness({ SMTP_URL: smtp.url, EMAIL_FROM: 'Sbor <notifications@sbor.test>' });
});
afterAll(async () => {
  await h?.stop();
  await smtp?.close();
});

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
const applied = (factId: string) => async () => (await h.db.select().from(inbox).where(eq(inbox.messageId, factId))).length > 0;
const addressOf = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.com`;

async function registered(userId: string, email: string) {
  const id = await h.publish('user.registered', { user_id: userId, email, display_name: 'Ann', registered_at: new Date().toISOString() });
  await waitFor(applied(id), 20_000, 'user.registered');
}

async function verified(userId: string) {
  const id = await h.publish('user.email_verified', { user_id: userId, verified_at: new Date().toISOString() });
  await waitFor(applied(id), 20_000, 'user.email_verified');
}

/** An order.paid for the user, once its in-app notification is listed and its email settled (sent or skipped). */
async function paidOrder(userId: string) {
  const order = facts.orderPaid({ buyer_id: userId });
  await h.publish('order.paid', order);
  const token = await h.token(userId);
  await waitFor(
    async () => {
      const { data } = await h.gql<{ notifications: { edges: { node: { body: string } }[] } }>(
        '{ notifications { edges { node { body } } } }',
        {},
        token,
      );
      return data?.notifications.edges.some((e) => e.node.body.includes(order.number));
    },
    20_000,
    'the in-app notification',
  );
  const rows = await h.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, userId));
  const settled = await waitFor(
    async () => {
      const emails = await h.db
        .select()
        .from(deliveries)
        .where(
          inArray(
            deliveries.notificationId,
            rows.map((r) => r.id),
          ),
        );
      const mine = emails.filter((d) => d.channel === 'EMAIL');
      return mine.every((d) => d.sentAt || d.failedAt) && mine.length === rows.length && mine;
    },
    20_000,
    'the email deliveries settled',
  );
  return { number: order.number, settled };
}

describe('user.email_verified (real Kafka and SMTP)', () => {
  it('never emails an unverified address, though the in-app notification is there; once verified, the next one is emailed', async () => {
    const userId = randomUUID();
    const address = addressOf('ann');
    await registered(userId, address);

    const first = await paidOrder(userId);

    expect(first.settled.map((d) => d.lastError)).toEqual(['the email address is not verified']);
    expect(mailsTo(address)).toEqual([]);

    await verified(userId);
    const second = await paidOrder(userId);

    await waitFor(() => mailsTo(address).length > 0, 15_000, 'the email after verification');
    await sleep(300);
    expect(mailsTo(address)).toHaveLength(1);
    expect(mailsTo(address)[0]!.raw).toMatch(/^Subject: Your tickets are ready$/m);
    expect(mailsTo(address)[0]!.raw).toContain(second.number);
  });

  it('un-verifies the user when user.registered names a new address: nothing goes to the new one', async () => {
    const userId = randomUUID();
    const [before, after] = [addressOf('bob'), addressOf('bob-new')];
    await registered(userId, before);
    await verified(userId);
    await paidOrder(userId);
    await waitFor(() => mailsTo(before).length > 0, 15_000, 'the email to the verified address');

    await registered(userId, after);
    const { settled } = await paidOrder(userId);

    expect(settled.filter((d) => d.failedAt).map((d) => d.lastError)).toEqual(['the email address is not verified']);
    expect(mailsTo(after)).toEqual([]);
    expect(mailsTo(before)).toHaveLength(1);
  });

  it('counts a verification that arrives before the address it verifies (another topic)', async () => {
    const userId = randomUUID();
    const address = addressOf('cleo');
    // The address was set before it was verified, as at the users service; its fact comes last.
    const registeredFact = makeFact('user.registered', {
      user_id: userId,
      email: address,
      display_name: 'Cleo',
      registered_at: new Date().toISOString(),
    });
    await sleep(5);
    await verified(userId);
    h.owners.users.set(address, userId);
    await h.publishRaw('user.registered', userId, JSON.stringify(registeredFact));
    await waitFor(applied(registeredFact.id), 20_000, 'the late user.registered');

    await paidOrder(userId);

    await waitFor(() => mailsTo(address).length > 0, 15_000, 'the email');
  });
});
