import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';
import { actorsOn, inHours } from './support/actors.js';

interface Mail {
  to: string[];
  raw: string;
}

/** A real SMTP server standing in for the mail relay, recording what it is handed. */
async function startMailSink() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(MODES)('email notifications (%s mode)', (mode) => {
  let platform: TestPlatform;
  let sink: Awaited<ReturnType<typeof startMailSink>>;

  beforeAll(async () => {
    sink = await startMailSink();
    platform = await startTestPlatform(mode, { SMTP_URL: sink.url, DELIVERY_POLL_MS: '200' });
  });
  afterAll(async () => {
    await platform?.stop();
    await sink?.close();
  });

  it('mails the buyer at the address they registered with, naming the event', async () => {
    const api = actorsOn(platform);
    const organizer = await api.signUp('Olga Organizer', true);
    const address = `hana.${randomUUID().slice(0, 8)}@example.com`;
    const hana = await api.ok<{ accessToken: string }>('mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email: address, password: 'correct horse battery', displayName: 'Hana' },
    });
    const event = await api.publishedEvent(organizer, 'Harbour Lights');
    const type = await api.ok<{ id: string }>(
      'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
      { e: event.id, i: { name: 'Deck', priceCents: 0, currency: 'EUR', quantity: 10, salesStart: inHours(-1), salesEnd: inHours(40) } },
      organizer.token,
    );
    await api.ok(
      'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }',
      { i: { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: randomUUID() } },
      hana.accessToken,
    );

    const mail = await api.eventually(
      async () => sink.mails.find((m) => m.to.includes(address)),
      (m) => m !== undefined,
    );
    expect(mail, `no mail to ${address}; got ${JSON.stringify(sink.mails.map((m) => m.to))}`).toBeDefined();
    expect(mail!.raw).toMatch(/^Subject: .*Harbour Lights/m);
    expect(mail!.raw).toContain('text/html');
  });
});
