import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, PASSWORD, type Actor } from './support/actors.js';
import { startMailSink, verifyThroughLink, type MailSink } from './support/mail.js';

const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }';
const CREATE_TYPE = 'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }';
const PURCHASE = 'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }';

describe.each(MODES)('email notifications (%s mode)', (mode) => {
  let platform: TestPlatform;
  let sink: MailSink;
  let api: ReturnType<typeof actorsOn>;

  beforeAll(async () => {
    sink = await startMailSink();
    platform = await startTestPlatform(mode, { SMTP_URL: sink.url, DELIVERY_POLL_MS: '200' });
    api = actorsOn(platform);
  });
  afterAll(async () => {
    await platform?.stop();
    await sink?.close();
  });

  async function register(name: string): Promise<Actor & { email: string }> {
    const email = `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@example.com`;
    const session = await api.ok<{ accessToken: string; user: { id: string } }>(REGISTER, {
      i: { email, password: PASSWORD, displayName: name },
    });
    return { id: session.user.id, token: session.accessToken, email };
  }

  /** A free ticket type on a new published event; what it returns buys one ticket of it as `buyer`. */
  async function freeTickets(organizer: Actor, title: string) {
    const event = await api.publishedEvent(organizer, title);
    const type = await api.ok<{ id: string }>(
      CREATE_TYPE,
      { e: event.id, i: { name: 'Deck', priceCents: 0, currency: 'EUR', quantity: 10, salesStart: inHours(-1), salesEnd: inHours(40) } },
      organizer.token,
    );
    return (buyer: Actor) =>
      api.ok(PURCHASE, { i: { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: randomUUID() } }, buyer.token);
  }

  /** The buyer's ORDER_PAID notification, once it is in their in-app list. */
  const orderPaidListed = (buyer: Actor) =>
    api.eventually(
      async () =>
        (await api.ok<{ edges: { node: { type: string } }[] }>('{ notifications(first: 20) { edges { node { type } } } }', {}, buyer.token))
          .edges,
      (edges) => edges.some((e) => e.node.type === 'ORDER_PAID'),
    );

  it('mails the buyer who followed the verification link at that address, naming the event', async () => {
    const hana = await register('Hana');
    await verifyThroughLink(api, sink, hana.email);
    const organizer = await api.signUp('Olga Organizer', true);

    const buy = await freeTickets(organizer, 'Harbour Lights');

    await buy(hana);

    const [mail] = await api.eventually(
      async () => sink.mailsTo(hana.email, /Harbour Lights/),
      (found) => found.length > 0,
    );
    expect(mail, `no purchase mail to ${hana.email}; got ${JSON.stringify(sink.mails.map((m) => [m.to, m.subject]))}`).toBeDefined();
    expect(mail!.subject).toBe('Your ticket for Harbour Lights is ready');
    expect(mail!.raw).toContain('text/html');
  });

  it('never mails a buyer whose address is not verified, though their in-app notification is there', async () => {
    const [ivan, vera] = [await register('Ivan'), await register('Vera')];
    await verifyThroughLink(api, sink, vera.email);
    const organizer = await api.signUp('Oleg Organizer', true);

    const buy = await freeTickets(organizer, 'Quiet Pier');

    await buy(ivan);
    // His notification is stored with its email delivery; Vera's, queued after it, going out shows
    // the worker has come to his and gone past it.
    expect((await orderPaidListed(ivan)).some((e) => e.node.type === 'ORDER_PAID')).toBe(true);
    await buy(vera);
    const veras = await api.eventually(
      async () => sink.mailsTo(vera.email, /Quiet Pier/),
      (found) => found.length > 0,
    );
    expect(veras, 'the verified buyer’s mail').toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sink.mailsTo(ivan.email, /Quiet Pier/)).toEqual([]);
    // Only the users service's own verification email ever reached the unverified address.
    expect(sink.mails.filter((m) => m.to.includes(ivan.email)).map((m) => m.subject)).toEqual(['Confirm your email for Sbor']);
  });
});
