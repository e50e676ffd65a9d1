/**
 * The CSV exports as tickets serves them to the router (`/exports/events/:id/{orders,attendees}.csv`,
 * with the router secret and the caller's bearer token): the documented columns, the attendees'
 * answers, cells that a spreadsheet would run as formulas defused, only the organizer's own data,
 * and a file of 100,000 orders streamed in flat memory. The router's relay of these paths is
 * tested in router/test/export-routes.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeaderNames, type Role } from '@sbor/core';
import { ATTENDEE_COLUMNS, ORDER_COLUMNS } from '../src/domain/exports.js';
import { startTicketsService, type TicketsService } from './door-harness.js';
import { ROUTER_SECRET } from './support.js';

let service: TicketsService;
beforeAll(async () => {
  service = await startTicketsService('tickets_exports');
});
afterAll(async () => {
  await service?.stop();
});

const RESERVE = `mutation($input: OrderInput!) { reserveTickets(input: $input) { id number status } }`;
const SET_QUESTIONS = `mutation($e: ID!, $q: [QuestionInput!]!) { setQuestions(eventId: $e, questions: $q) { questions { id label } } }`;
const INJECTED_NAME = '=HYPERLINK("http://evil.example","click")';

async function download(eventId: string, kind: 'orders' | 'attendees', as?: { userId: string; role?: Role }, secret = ROUTER_SECRET) {
  const headers: Record<string, string> = { [HeaderNames.routerSecret]: secret };
  if (as) headers.authorization = `Bearer ${await service.issuer.token(as.userId, as.role)}`;
  const response = await fetch(`${service.base}/exports/events/${eventId}/${kind}.csv`, { headers });
  // Bytes, not text(): a text decoder drops the byte-order mark the file starts with.
  return { response, body: Buffer.from(await response.arrayBuffer()).toString('utf8') };
}

/** RFC 4180 as the export writes it, enough to read the rows back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

/** An event with one question, and an order of two tickets whose attendees answered it. */
async function eventWithAttendees() {
  const { eventId, organizer, typeId } = await service.eventOnSale();
  const questions = (
    await service.gql(SET_QUESTIONS, { e: eventId, q: [{ label: 'T-shirt size', kind: 'TEXT', required: false }] }, organizer)
  ).data!.setQuestions.questions as { id: string }[];
  const buyer = service.users.add(`buyer-${randomUUID().slice(0, 8)}@example.com`, 'Boris Buyer');
  const ordered = await service.gql(
    RESERVE,
    {
      input: {
        eventId,
        items: [{ ticketTypeId: typeId, quantity: 2 }],
        attendees: [
          { ticketTypeId: typeId, name: 'Ann Attendee', email: 'ann@example.com', answers: [{ questionId: questions[0]!.id, value: 'M' }] },
          { ticketTypeId: typeId, name: INJECTED_NAME, answers: [{ questionId: questions[0]!.id, value: '+SUM(1,2)' }] },
        ],
        idempotencyKey: randomUUID(),
      },
    },
    { userId: buyer.id },
  );
  if (!ordered.data) throw new Error(JSON.stringify(ordered.errors));
  return { eventId, organizer, order: ordered.data.reserveTickets as { number: string; status: string } };
}

describe('GET /exports/events/:id/attendees.csv', () => {
  it('gives the organizer one row per ticket: documented columns, names, answers and status', async () => {
    const { eventId, organizer, order } = await eventWithAttendees();
    const { response, body } = await download(eventId, 'attendees', organizer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="sbor-event-${eventId}-attendees.csv"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(body.slice(1));
    expect(header).toEqual([...ATTENDEE_COLUMNS, 'T-shirt size', 'other_answers']);
    const byName = new Map(rows.map((r) => [r[2], Object.fromEntries(header!.map((h, i) => [h, r[i]]))]));
    expect(byName.get('Ann Attendee')).toMatchObject({
      order_number: order.number,
      attendee_email: 'ann@example.com',
      holder_name: 'Boris Buyer',
      ticket_type: 'Standard',
      status: 'ACTIVE',
      checked_in_at: '',
      'T-shirt size': 'M',
    });
    expect(rows).toHaveLength(2);
  });

  it('defuses cells a spreadsheet would run as formulas: a leading quote, quoted as CSV needs', async () => {
    const { eventId, organizer } = await eventWithAttendees();
    const { body } = await download(eventId, 'attendees', organizer);
    expect(body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(body).toContain(`"'+SUM(1,2)"`);
    const cells = parseCsv(body.slice(1)).flat();
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });

  it('never gives another organizer, a user without a token or a caller without the router secret any of it', async () => {
    const { eventId } = await eventWithAttendees();
    const stranger = await download(eventId, 'attendees', { userId: randomUUID(), role: 'ORGANIZER' });
    expect(stranger.response.status).toBe(404);
    expect(JSON.parse(stranger.body)).toEqual({ error: 'NOT_FOUND' });
    const anonymous = await download(eventId, 'attendees');
    expect(anonymous.response.status).toBe(401);
    const direct = await download(eventId, 'attendees', { userId: randomUUID() }, 'not-the-secret');
    expect(direct.response.status).toBe(401);
    for (const refused of [stranger, anonymous, direct]) expect(refused.body).not.toContain('Ann Attendee');
  });
});

describe('GET /exports/events/:id/orders.csv', () => {
  it('gives the organizer one row per order with the documented columns', async () => {
    const { eventId, organizer, order } = await eventWithAttendees();
    const { response, body } = await download(eventId, 'orders', organizer);
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(body.slice(1));
    expect(header).toEqual([...ORDER_COLUMNS]);
    expect(rows).toHaveLength(1);
    expect(Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]))).toMatchObject({
      order_number: order.number,
      status: 'PAID',
      buyer_name: 'Boris Buyer',
      items: 'Standard × 2',
      tickets: '2',
      total_cents: '0',
      refunded_cents: '0',
      currency: 'EUR',
    });
    expect((await download(eventId, 'orders', { userId: randomUUID(), role: 'ORGANIZER' })).response.status).toBe(404);
  });

  // Opt-in (EXPORT_MEMORY_ROWS=100000): inserting the rows alone takes tens of seconds on a loaded
  // two-core machine. Measured once here: see the numbers it prints.
  const memoryRows = Number(process.env.EXPORT_MEMORY_ROWS ?? 0);
  it.runIf(memoryRows > 0)(`streams ${memoryRows} orders in flat memory`, { timeout: 600_000 }, async () => {
    const { eventId, organizer } = await eventWithAttendees();
    const rows = memoryRows;
    const t0 = Date.now();
    // Copies of the event's one order, straight into the table: the export reads what is stored.
    await service.database.pools[0]!.db.execute(sql`
      insert into tickets.orders
      select (jsonb_populate_record(null::tickets.orders, to_jsonb(o) || jsonb_build_object(
        'id', gen_random_uuid(), 'number', 'SB-BULK-' || i, 'idempotency_key', 'bulk-' || i))).*
      from tickets.orders o, generate_series(1, ${rows - 1}) i
      where o.event_id = ${eventId}`);

    const inserted = Date.now();
    const headers = {
      [HeaderNames.routerSecret]: ROUTER_SECRET,
      authorization: `Bearer ${await service.issuer.token(organizer.userId, organizer.role)}`,
    };
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let lines = 0;
    const response = await fetch(`${service.base}/exports/events/${eventId}/orders.csv`, { headers });
    expect(response.status).toBe(200);
    const decoder = new TextDecoder();
    let bytes = 0;
    for await (const chunk of response.body!) {
      bytes += chunk.length;
      lines += decoder.decode(chunk, { stream: true }).split('\r\n').length - 1;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(lines).toBe(rows + 1);
    // 100,000 orders make a ~14 MB file; built in memory, their row objects alone would take
    // ~100 MB of heap. Streamed, the heap holds a batch or two plus garbage not yet collected.
    const grown = peak - before;
    console.info(
      `orders export: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB, heap grew by at most ${(grown / 1e6).toFixed(1)} MB; insert ${inserted - t0} ms, download ${Date.now() - inserted} ms`,
    );
    expect(grown).toBeLessThan(Math.max(4 * bytes, 32e6));
  });
});
