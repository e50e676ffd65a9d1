import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, type Actor } from './actors.js';

export const ORDER_FIELDS = `id number status totalCents currency expiresAt
  lines { ticketType { id } quantity unitPriceCents }
  payment { id provider status amountCents checkoutUrl instructions }
  tickets { id code status }
  refunds { amountCents status reason tickets { id } }`;

export interface Order {
  id: string;
  number: string;
  status: string;
  totalCents: number;
  currency: string;
  expiresAt: string | null;
  lines: { ticketType: { id: string }; quantity: number; unitPriceCents: number }[];
  payment: Payment | null;
  tickets: { id: string; code: string; status: string }[];
  refunds: { amountCents: number; status: string; reason: string | null; tickets: { id: string }[] }[];
}

export interface Payment {
  id: string;
  provider: string;
  status: string;
  amountCents: number;
  checkoutUrl: string | null;
  instructions: string | null;
}

export const RESERVE = `mutation ($i: OrderInput!) { reserveTickets(input: $i) { ${ORDER_FIELDS} } }`;
export const CHECKOUT = `mutation ($o: ID!, $p: PaymentProvider!) { checkout(orderId: $o, provider: $p) { id provider status amountCents checkoutUrl instructions } }`;
export const READ_ORDER = `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
const CREATE_TYPE = 'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }';
const STOCK = 'query ($id: ID!) { event(id: $id) { ticketTypes { id held sold available } } }';

export interface Stock {
  held: number;
  sold: number;
  available: number;
}

/** What a browser gets for a page: status, content type, the HTML and where a redirect points. */
export interface Page {
  status: number;
  contentType: string;
  html: string;
  location: string | null;
}

async function pageOf(response: Response): Promise<Page> {
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    html: await response.text(),
    location: response.headers.get('location'),
  };
}

/** The sandbox's hosted checkout as a browser uses it: open the page, press one of its form's buttons. */
export const browser = {
  open: async (url: string) => pageOf(await fetch(url, { headers: { accept: 'text/html' } })),
  /** Submits the page's form with `action=<button>` to the address the form names, as a browser resolves it. */
  press: async (page: Page, pageUrl: string, button: 'pay' | 'decline') => {
    const action = /<form[^>]*\saction="([^"]+)"/.exec(page.html)?.[1];
    expect(action, `no form on the page: ${page.html.slice(0, 300)}`).toBeDefined();
    const response = await fetch(new URL(action!, pageUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ action: button }).toString(),
      redirect: 'manual',
    });
    return pageOf(response);
  },
};

/** Orders through the router, as the web app places and pays them. */
export function shopOn(platform: TestPlatform) {
  const api = actorsOn(platform);

  const ticketType = (organizer: Actor, eventId: string, input: { name: string; priceCents: number; quantity?: number }) =>
    api.ok<{ id: string }>(
      CREATE_TYPE,
      {
        e: eventId,
        i: { currency: 'EUR', quantity: 10, salesStart: inHours(-1), salesEnd: inHours(40), ...input },
      },
      organizer.token,
    );

  const reserve = (buyer: Actor, eventId: string, items: { ticketTypeId: string; quantity: number }[]) =>
    api.ok<Order>(RESERVE, { i: { eventId, items, idempotencyKey: randomUUID() } }, buyer.token);

  const checkout = (buyer: Actor, orderId: string, provider: 'SANDBOX' | 'OFFLINE') =>
    api.ok<Payment>(CHECKOUT, { o: orderId, p: provider }, buyer.token);

  const order = (who: Actor, id: string) => api.ok<Order | null>(READ_ORDER, { id }, who.token);

  /** Each ticket type of the event by id: how many are held, sold and left. */
  const stock = async (eventId: string): Promise<Record<string, Stock>> => {
    const event = await api.ok<{ ticketTypes: ({ id: string } & Stock)[] }>(STOCK, { id: eventId });
    return Object.fromEntries(event.ticketTypes.map(({ id, ...counts }) => [id, counts]));
  };

  /** Checks out with SANDBOX and presses Pay on the hosted page; answers the page the redirect leads to. */
  async function payInSandbox(buyer: Actor, orderId: string, button: 'pay' | 'decline' = 'pay') {
    const payment = await checkout(buyer, orderId, 'SANDBOX');
    const page = await browser.open(payment.checkoutUrl!);
    expect(page.status, page.html).toBe(200);
    const answer = await browser.press(page, payment.checkoutUrl!, button);
    expect(answer.status, answer.html).toBe(303);
    return { payment, result: await browser.open(new URL(answer.location!, payment.checkoutUrl!).toString()) };
  }

  return { ticketType, reserve, checkout, order, stock, payInSandbox };
}
