/** Seeding through the router, the way a frontend would. */
import { randomUUID } from 'node:crypto';
import { pool } from './stats.js';

export interface GqlResult<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GqlResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as object) };
  } catch {
    throw new Error(`Non-JSON answer (${response.status}) from ${url}: ${text.slice(0, 200)}`);
  }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface Actor {
  id: string;
  token: string;
}

const HOUR = 3_600_000;
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

export function apiOf(routerUrl: string) {
  async function ok<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const res = await gql<Record<string, T>>(routerUrl, query, variables, token ? bearer(token) : {});
    if (res.errors || !res.data) throw new Error(`Seeding failed: ${query.slice(0, 60)}… → ${JSON.stringify(res.errors ?? res)}`);
    return Object.values(res.data)[0]!;
  }

  async function signUp(displayName: string, asOrganizer = false): Promise<Actor> {
    const email = `${displayName.toLowerCase().replace(/\W/g, '')}.${randomUUID().slice(0, 8)}@bench.example.com`;
    const session = await ok<{ accessToken: string; user: { id: string } }>(
      'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }',
      { i: { email, password: 'correct horse battery', displayName } },
    );
    if (!asOrganizer) return { id: session.user.id, token: session.accessToken };
    const upgraded = await ok<{ accessToken: string }>('mutation { becomeOrganizer { accessToken } }', {}, session.accessToken);
    return { id: session.user.id, token: upgraded.accessToken };
  }

  /** `count` buyers, registered a few at a time (argon2 is deliberately slow). */
  const signUpMany = (prefix: string, count: number) =>
    pool(
      Array.from({ length: count }, (_, i) => i),
      8,
      (i) => signUp(`${prefix} ${i}`),
    );

  async function publishedEvent(organizer: Actor, title: string, startsInHours = 48): Promise<string> {
    const draft = await ok<{ id: string }>(
      'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
      {
        i: {
          title,
          description: 'Benchmark event.',
          venue: 'Bench Hall',
          startsAt: inHours(startsInHours),
          endsAt: inHours(startsInHours + 3),
        },
      },
      organizer.token,
    );
    await ok('mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: draft.id }, organizer.token);
    return draft.id;
  }

  /** Free unless `priceCents` says otherwise: `purchaseTickets` sells only free types (a priced one answers PAYMENT_REQUIRED). */
  async function ticketType(
    organizer: Actor,
    eventId: string,
    quantity: number,
    name = 'General admission',
    priceCents = 0,
  ): Promise<string> {
    const type = await ok<{ id: string }>(
      'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
      { e: eventId, i: { name, priceCents, currency: 'EUR', quantity, salesStart: inHours(-1), salesEnd: inHours(40) } },
      organizer.token,
    );
    return type.id;
  }

  return { ok, signUp, signUpMany, publishedEvent, ticketType };
}

export type Api = ReturnType<typeof apiOf>;

/** The one-call path for free tickets (an order PAID at once). */
export const PURCHASE = 'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }';
/** A hold on priced tickets (RESERVED), then a payment started with a provider. */
export const RESERVE = 'mutation ($i: OrderInput!) { reserveTickets(input: $i) { id status } }';
export const CHECKOUT = 'mutation ($o: ID!) { checkout(orderId: $o, provider: SANDBOX) { checkoutUrl } }';
