import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, type Actor } from '../e2e/support/actors.js';
import { assertWellFormed, fingerprinter } from './support/hostile.js';

/**
 * The specific inputs the property tests are most likely to miss, each pinned as an example: dates
 * that only exist by calendar roll-over, ill-formed Unicode, NUL bytes that PostgreSQL cannot
 * store. Each must be refused with BAD_USER_INPUT and leave the database as it was.
 */

const CREATE_EVENT = 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id startsAt } }';
const CREATE_TYPE = 'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }';
const PURCHASE = 'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }';
const year = new Date().getUTCFullYear() + 1;

describe('input edge cases (full mode)', () => {
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let organizer: Actor;
  let user: Actor;
  let eventId: string;
  let ticketTypeId: string;
  let prints: ReturnType<typeof fingerprinter>;

  beforeAll(async () => {
    platform = await startTestPlatform('full');
    api = actorsOn(platform);
    organizer = await api.signUp('Edge Organizer', true);
    user = await api.signUp('Edge User');
    eventId = (await api.publishedEvent(organizer, 'Edges', 48)).id;
    ticketTypeId = (
      await api.ok<{ id: string }>(
        CREATE_TYPE,
        { e: eventId, i: { name: 'GA', priceCents: 0, currency: 'EUR', quantity: 100, salesStart: inHours(-1), salesEnd: inHours(40) } },
        organizer.token,
      )
    ).id;
    prints = fingerprinter(platform.databaseUrls);
  });
  afterAll(async () => {
    await prints?.close();
    await platform?.stop();
  });

  async function refusedAsBadInput(service: string, query: string, variables: Record<string, unknown>, token: string) {
    const before = await prints.of(service);
    const res = await platform.gql(query, variables, { token });
    expect(assertWellFormed(res, JSON.stringify(variables).slice(0, 200)), `accepted: ${JSON.stringify(res.data)}`).toBe('refused');
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(await prints.of(service)).toEqual(before);
  }

  it.each([`${year}-02-30T10:00:00Z`, `${year}-02-31T10:00:00Z`, `${year}-04-31T10:00:00Z`, `${year}-06-31T10:00:00+02:00`])(
    'refuses the date %s, which exists only by rolling over into the next month',
    async (date) => {
      await refusedAsBadInput(
        'events',
        CREATE_EVENT,
        { i: { title: 'Roll-over', venue: 'Hall', startsAt: date, endsAt: `${year}-07-15T10:00:00Z` } },
        organizer.token,
      );
    },
  );

  it('still accepts a real leap day and offsets', async () => {
    const leap = [2028, 2032, 2036].find((y) => y > year)!;
    const created = await api.ok<{ startsAt: string }>(
      CREATE_EVENT,
      { i: { title: 'Leap', venue: 'Hall', startsAt: `${leap}-02-29T23:30:00-01:00`, endsAt: `${leap}-03-01T03:00:00Z` } },
      organizer.token,
    );
    expect(created.startsAt).toBe(`${leap}-03-01T00:30:00.000Z`);
  });

  it.each([
    ['a lone high surrogate', 'Jazz \ud800 Night'],
    ['a lone low surrogate', '\udfffJazz'],
    ['a truncated emoji', 'Jazz \ud83d'],
  ])('refuses event text with %s', async (_what, text) => {
    await refusedAsBadInput(
      'events',
      CREATE_EVENT,
      { i: { title: text, venue: 'Hall', startsAt: inHours(30), endsAt: inHours(31) } },
      organizer.token,
    );
    await refusedAsBadInput(
      'events',
      CREATE_EVENT,
      { i: { title: 'Ok', description: `About ${text}`, venue: 'Hall', startsAt: inHours(30), endsAt: inHours(31) } },
      organizer.token,
    );
    await refusedAsBadInput(
      'events',
      'mutation ($n: String!) { createCategory(input: { name: $n }) { id } }',
      { n: text },
      organizer.token,
    );
    await refusedAsBadInput(
      'users',
      'mutation ($n: String!) { updateProfile(input: { displayName: $n }) { id } }',
      { n: text },
      user.token,
    );
  });

  it('keeps well-formed emoji and non-Latin text', async () => {
    const created = await api.ok<{ id: string }>(
      CREATE_EVENT,
      { i: { title: 'Джаз 🎷 夜', venue: 'Zał 1', startsAt: inHours(30), endsAt: inHours(31) } },
      organizer.token,
    );
    const read = await api.ok<{ title: string }>('query ($id: ID!) { event(id: $id) { title } }', { id: created.id }, organizer.token);
    expect(read.title).toBe('Джаз 🎷 夜');
  });

  it.each([
    ['a NUL byte', 'VIP\u0000'],
    ['a control character', 'VIP\u001b[2J'],
    ['a lone surrogate', 'VIP \ud800'],
  ])('refuses a ticket type name with %s', async (_what, name) => {
    await refusedAsBadInput(
      'tickets',
      CREATE_TYPE,
      { e: eventId, i: { name, priceCents: 100, currency: 'EUR', quantity: 5, salesStart: inHours(-1), salesEnd: inHours(40) } },
      organizer.token,
    );
  });

  it('refuses an events search with a NUL byte instead of failing in PostgreSQL', async () => {
    const res = await platform.gql('query ($s: String) { events(filter: { search: $s }) { edges { cursor } } }', { s: 'jazz\u0000' });
    expect(assertWellFormed(res, 'search')).toBe('refused');
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });

  it.each([
    ['a NUL byte', `key-\u0000-${randomUUID()}`],
    ['a lone surrogate', `key-\ud800-${randomUUID()}`],
  ])('refuses an idempotency key with %s', async (_what, key) => {
    await refusedAsBadInput('tickets', PURCHASE, { i: { eventId, ticketTypeId, quantity: 1, idempotencyKey: key } }, user.token);
  });
});
