import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, notifications } from '../src/db/index.js';
import { sleep, waitFor } from '@sbor/testing';
import { startSmtp } from './smtp.js';
import { facts, startHarness, verifiedAddress, type Harness } from './support.js';

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

/** The message as a mail client shows it: quoted-printable soft breaks joined and escapes decoded. */
const readable = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

describe('email delivery (real SMTP server)', () => {
  it('emails the notification to the user with its title as subject, in plain text and HTML', async () => {
    const userId = randomUUID();
    const address = `ann-${userId.slice(0, 8)}@example.com`;
    await verifiedAddress(h.db, userId, address);
    const event = facts.published({ title: 'Jazz Night' });
    await h.publish('event.published', event);
    await sleep(300);
    await h.publish('order.paid', facts.orderPaid({ buyer_id: userId, event_id: event.event_id }));

    const [mail] = await waitFor(() => mailsTo(address).length > 0 && mailsTo(address), 15_000, 'the email');
    expect(mail!.to).toEqual([address]);
    expect(mail!.from).toBe('notifications@sbor.test');
    expect(mail!.raw).toMatch(/^Subject: Your tickets for Jazz Night are ready$/m);
    expect(mail!.raw).toContain('text/plain');
    expect(mail!.raw).toContain('text/html');
    await sleep(500);
    expect(mailsTo(address)).toHaveLength(1);
  });

  it('emails ORDER_EXPIRED and REFUND_ISSUED to a verified address too, each with its title as subject and the order number in the text', async () => {
    const userId = randomUUID();
    const address = `cleo-${userId.slice(0, 8)}@example.com`;
    await verifiedAddress(h.db, userId, address);
    const event = facts.published({ title: 'Harbour Lights' });
    await h.publish('event.published', event);
    await sleep(300);
    const expired = facts.orderExpired({ buyer_id: userId, event_id: event.event_id });
    const refunded = facts.orderRefunded({ buyer_id: userId, event_id: event.event_id, amount_cents: 3000, currency: 'USD' });
    await h.publish('order.expired', expired);
    await h.publish('order.refunded', refunded);

    const mails = await waitFor(() => mailsTo(address).length >= 2 && mailsTo(address), 15_000, 'both emails');
    const bySubject = new Map(mails.map((m) => [/^Subject: (.*?)\r?$/m.exec(m.raw)?.[1], readable(m.raw)]));
    expect([...bySubject.keys()].sort()).toEqual(['Refund of $30.00 for Harbour Lights', 'Your reservation for Harbour Lights ended']);
    expect(bySubject.get('Your reservation for Harbour Lights ended')).toContain(
      `Order ${expired.number} for Harbour Lights was not paid in time, so its tickets went back on sale.`,
    );
    expect(bySubject.get('Refund of $30.00 for Harbour Lights')).toContain(
      `$30.00 for order ${refunded.number} is on its way back to you.`,
    );
    for (const mail of mails) {
      expect(mail.to).toEqual([address]);
      expect(mail.raw).toContain('text/plain');
      expect(mail.raw).toContain('text/html');
    }
    await sleep(500);
    expect(mailsTo(address)).toHaveLength(2);
  });

  it('retries a failing SMTP server with backoff while the in-app notification is already there', async () => {
    const userId = randomUUID();
    const address = `bob-${userId.slice(0, 8)}@example.com`;
    await verifiedAddress(h.db, userId, address);
    smtp.state.failuresLeft = 2;
    const token = await h.token(userId);
    await h.publish('order.paid', facts.orderPaid({ buyer_id: userId }));

    await waitFor(
      async () => (await h.gql<{ unreadCount: number }>('{ unreadCount }', {}, token)).data?.unreadCount === 1,
      // Generous: in one CI run on the loaded machine the first fact of this test took over 15 s.
      30_000,
      'in-app',
    );
    await waitFor(() => mailsTo(address).length > 0, 15_000, 'the email after retries');
    const [row] = await h.db.select().from(notifications).where(eq(notifications.userId, userId));
    // The notification was stored before the first refused attempt: SMTP never held it up.
    expect(smtp.state.refusedAt).toHaveLength(2);
    expect(row!.createdAt.getTime()).toBeLessThanOrEqual(smtp.state.refusedAt[0]!);
    const [delivery] = await h.db.select().from(deliveries).where(eq(deliveries.notificationId, row!.id));
    expect(delivery).toMatchObject({ channel: 'EMAIL', attempts: 3, failedAt: null });
    expect(delivery!.sentAt).not.toBeNull();
    expect(mailsTo(address)).toHaveLength(1);
  });

  it('skips email when no address is known, without holding up the notification', async () => {
    const userId = randomUUID();
    await h.publish('order.paid', facts.orderPaid({ buyer_id: userId }));
    const [row] = await waitFor(
      async () => {
        const rows = await h.db.select().from(notifications).where(eq(notifications.userId, userId));
        return rows.length > 0 && rows;
      },
      15_000,
      'the notification',
    );
    const delivery = await waitFor(
      async () => {
        const [d] = await h.db.select().from(deliveries).where(eq(deliveries.notificationId, row!.id));
        return d?.failedAt ? d : undefined;
      },
      15_000,
      'the skipped delivery',
    );
    expect(delivery.lastError).toMatch(/no email address/);
  });
});
