import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PermanentMessageError } from './bus.js';
import { factDataSchemas, MalformedFactError, makeFact, parseFact } from './contracts.js';
import type { Topic } from './topics.js';
import { ticketPurchased } from '../test/support.js';

describe('makeFact', () => {
  it('wraps data in an envelope with a uuid id, the topic as event and an ISO timestamp', () => {
    const fact = ticketPurchased();
    expect(fact.event).toBe('ticket.purchased');
    expect(fact.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(fact.timestamp).toISOString()).toBe(fact.timestamp);
  });

  it('builds every topic of DESIGN.md from valid data', () => {
    const now = new Date().toISOString();
    const id = () => randomUUID();
    expect(() =>
      makeFact('ticket.checkin', { ticket_id: id(), event_id: id(), user_id: id(), checked_in_at: now, checked_in_by: id() }),
    ).not.toThrow();
    expect(() =>
      makeFact('ticket.checkin_undone', {
        ticket_id: id(),
        event_id: id(),
        user_id: id(),
        checked_in_at: now,
        undone_at: now,
        undone_by: id(),
      }),
    ).not.toThrow();
    expect(() =>
      makeFact('ticket.cancelled', {
        ticket_id: id(),
        event_id: id(),
        user_id: id(),
        reason: 'EVENT_CANCELLED',
        cancelled_at: now,
      }),
    ).not.toThrow();
    expect(() =>
      makeFact('event.published', {
        event_id: id(),
        organizer_id: id(),
        title: 'Jazz night',
        starts_at: now,
        ends_at: now,
        venue: 'Hall A',
        published_at: now,
      }),
    ).not.toThrow();
    expect(() =>
      makeFact('event.cancelled', {
        event_id: id(),
        organizer_id: id(),
        title: 'Jazz night',
        reason: null,
        cancelled_at: now,
        starts_at: now,
      }),
    ).not.toThrow();
    expect(() =>
      makeFact('event.reminder', { event_id: id(), title: 'Jazz night', starts_at: now, venue: 'Hall A', offset: '1h', reminder_id: id() }),
    ).not.toThrow();
  });

  it('refuses data that breaks the contract, naming the field', () => {
    const bad = () =>
      makeFact('event.reminder', {
        event_id: randomUUID(),
        title: 'Jazz night',
        starts_at: new Date().toISOString(),
        venue: 'Hall A',
        offset: '2h' as '1h',
        reminder_id: randomUUID(),
      });
    expect(bad).toThrow(MalformedFactError);
    expect(bad).toThrow(/data\.offset/);
  });
});

describe('parseFact', () => {
  it('accepts what makeFact produced, after a JSON round trip', () => {
    const fact = ticketPurchased();
    expect(parseFact('ticket.purchased', JSON.stringify(fact))).toEqual(fact);
  });

  it('accepts timestamps with an offset other than Z', () => {
    const fact = ticketPurchased({ purchased_at: '2026-01-18T14:00:00+03:00' });
    expect(parseFact('ticket.purchased', JSON.stringify(fact)).data.purchased_at).toBe('2026-01-18T14:00:00+03:00');
  });

  it('rejects a value that is not JSON with a permanent error', () => {
    const parse = () => parseFact('ticket.purchased', 'not json {');
    expect(parse).toThrow(MalformedFactError);
    expect(parse).toThrow(PermanentMessageError);
  });

  it('rejects a fact of another topic', () => {
    const fact = ticketPurchased();
    expect(() => parseFact('ticket.checkin', JSON.stringify(fact))).toThrow(/event/);
  });

  it('rejects missing fields, wrong types, a non-uuid id and a non-ISO timestamp', () => {
    const fact = ticketPurchased();
    const broken = [
      { ...fact, id: '42' },
      { ...fact, timestamp: 'yesterday' },
      { ...fact, data: { ...fact.data, user_id: 7 } },
      { ...fact, data: { ...fact.data, status: 'active' } },
      { ...fact, data: { ...fact.data, purchased_at: undefined } },
      { id: fact.id, event: fact.event, timestamp: fact.timestamp },
    ];
    for (const candidate of broken) {
      expect(() => parseFact('ticket.purchased', JSON.stringify(candidate))).toThrow(MalformedFactError);
    }
  });

  it('reports every problem at once', () => {
    const fact = ticketPurchased();
    try {
      parseFact('ticket.purchased', JSON.stringify({ ...fact, data: { ...fact.data, user_id: 7, purchased_at: '' } }));
      expect.unreachable();
    } catch (error) {
      expect((error as MalformedFactError).issues).toHaveLength(2);
    }
  });
});

describe('fact contracts (issue 16: data in flight)', () => {
  /** Field names that would put something on a topic that admits, signs in or pays as someone. */
  const BEARER = /code|qr|token|secret|password|checkout_url|client_secret|session/i;

  it('never name a bearer secret in any fact', () => {
    const secrets = (Object.keys(factDataSchemas) as Topic[]).flatMap((topic) =>
      Object.keys(factDataSchemas[topic].shape)
        .filter((field) => BEARER.test(field))
        .map((field) => `${topic}.${field}`),
    );
    expect(secrets).toEqual([]);
  });

  it('never pass a ticket code on, even from a producer that still writes one', () => {
    const now = new Date().toISOString();
    const data = { ticket_id: randomUUID(), event_id: randomUUID(), user_id: randomUUID(), reason: 'REFUNDED', cancelled_at: now };
    const built = makeFact('ticket.cancelled', { ...data, code: 'K7Q2-XR4M-P9TD' } as never);
    expect(built.data).not.toHaveProperty('code');
    expect(JSON.stringify(built)).not.toContain('K7Q2-XR4M-P9TD');
  });

  it('still parse a fact written before codes left them, without the code', () => {
    const fact = ticketPurchased();
    const old = JSON.stringify({ ...fact, data: { ...fact.data, code: 'K7Q2-XR4M-P9TD' } });
    const parsed = parseFact('ticket.purchased', old);
    expect(parsed.data.ticket_id).toBe(fact.data.ticket_id);
    expect(parsed.data).not.toHaveProperty('code');
  });
});
