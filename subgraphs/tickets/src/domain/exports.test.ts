import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import { ATTENDEE_COLUMNS, Exports, ORDER_COLUMNS } from './exports.js';
import { exportsInMemory } from './in-memory-tools.js';
import { Questions } from './questions.js';
import { order, person, ticketsSpec } from './spec-support.js';

function exportsSpec() {
  const spec = ticketsSpec();
  const events: EventsClient = { getEvent: async (id) => spec.events.get(id) ?? null };
  const names = new Map<string, string>();
  const users = {
    displayNames: async (ids: readonly string[]) => new Map(ids.flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : []))),
  };
  return {
    ...spec,
    names,
    questions: new Questions(spec.repositories, events),
    exports: new Exports(exportsInMemory(spec.memory), events, users),
  };
}

/** A quoted field (quotes inside doubled) or a bare one, then a comma or the end of the row. */
const CSV_FIELD = /("(?:[^"]|"")*"|[^,]*)(?:,|$)/y;

/** The cells of a CSV file, as a spreadsheet reads them (no line breaks inside cells here). */
async function table(chunks: AsyncIterable<string>): Promise<string[][]> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  return text
    .slice(1, -2)
    .split('\r\n')
    .map((line) => {
      const cells: string[] = [];
      CSV_FIELD.lastIndex = 0;
      for (let more = true; more;) {
        const match = CSV_FIELD.exec(line)!;
        const field = match[1]!;
        cells.push(field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field);
        more = match[0].endsWith(',');
      }
      return cells;
    });
}

/** A sale with questions, one paid order of two attendees (one ticket refunded since) and one hold. */
async function soldWithAnswers(spec: ReturnType<typeof exportsSpec>) {
  const sale = await spec.onSale(10);
  const vip = await spec.anotherType(sale.event);
  await spec.questions.set(sale.organizer, sale.event.id, [
    { label: 'Dietary needs', kind: 'TEXT', required: false },
    { label: 'T-shirt size', kind: 'CHOICE', required: true, options: ['S', 'M'] },
  ]);
  const [diet, size] = await spec.repositories.questions.ofEvents([sale.event.id]);
  const buyer = person();
  spec.names.set(buyer.userId, 'Ada Lovelace');
  const placed = await spec.ordering.reserve(buyer, {
    ...order(sale.event.id, [
      { ticketTypeId: sale.type.id, quantity: 1 },
      { ticketTypeId: vip.id, quantity: 1 },
    ]),
    attendees: [
      {
        ticketTypeId: sale.type.id,
        name: '=HYPERLINK("http://evil")',
        email: 'grace@example.com',
        answers: [
          { questionId: size!.id, value: 'M' },
          { questionId: diet!.id, value: 'Vegan, no nuts' },
        ],
      },
      { ticketTypeId: vip.id, name: 'Ada', answers: [{ questionId: size!.id, value: 'S' }] },
    ],
  });
  const payment = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');
  await spec.checkout.applyWebhook('SANDBOX', { id: `evt_${randomUUID()}`, kind: 'succeeded', providerRef: payment.providerRef! });
  const vipTicket = spec.memory.tickets.find((t) => t.orderId === placed.id && t.ticketTypeId === vip.id)!;
  await spec.refunding.refund(sale.organizer, placed.id, { ticketIds: [vipTicket.id] });
  // Placed a minute before the hold below, so the two never share a creation time.
  spec.memory.orders[0]!.createdAt = new Date(placed.createdAt.getTime() - 60_000);
  const holder = person();
  const held = await spec.ordering.reserve(holder, {
    ...order(sale.event.id, [{ ticketTypeId: sale.type.id, quantity: 1 }]),
    attendees: [{ ticketTypeId: sale.type.id, name: 'Lin', answers: [{ questionId: size!.id, value: 'S' }] }],
  });
  return { ...sale, vip, buyer, placed, held, holder, vipTicket };
}

describe('GET /tickets/exports (Exports.mayExport)', () => {
  it('lets the event’s organizer export, and no one else: another organizer, a buyer, an anonymous caller', async () => {
    const spec = exportsSpec();
    const { event, organizer } = await spec.onSale(10);
    const readers: [Viewer | null, boolean][] = [
      [organizer, true],
      [person('ORGANIZER'), false],
      [person(), false],
      [null, false],
    ];

    for (const [viewer, may] of readers) expect(await spec.exports.mayExport(viewer, event.id)).toBe(may);
    expect(await spec.exports.mayExport(organizer, 'not-an-id')).toBe(false);
  });

  it('asks the events service about an event with no ticket types yet; an unknown event is nobody’s', async () => {
    const spec = exportsSpec();
    const { event, organizer } = await spec.onSale(10);
    const bare = { ...event, id: randomUUID() };
    spec.events.set(bare.id, bare);

    expect(await spec.exports.mayExport(organizer, bare.id)).toBe(true);
    expect(await spec.exports.mayExport(person('ORGANIZER'), bare.id)).toBe(false);
    expect(await spec.exports.mayExport(organizer, randomUUID())).toBe(false);
  });
});

describe('orders.csv (Exports.ordersCsv)', () => {
  it('gives one row per order, oldest first, with the documented columns, the buyer’s name and what was refunded', async () => {
    const spec = exportsSpec();
    const { event, organizer, buyer, placed, held, holder } = await soldWithAnswers(spec);

    const [header, ...rows] = await table(spec.exports.ordersCsv(event.id, organizer.userId));

    expect(header).toEqual([...ORDER_COLUMNS]);
    expect(rows).toEqual([
      [
        placed.number,
        'PARTIALLY_REFUNDED',
        spec.memory.orders[0]!.createdAt.toISOString(),
        spec.memory.orders[0]!.paidAt!.toISOString(),
        buyer.userId,
        'Ada Lovelace',
        'Standard × 1; VIP × 1',
        '2',
        '',
        '11500',
        '9000',
        'EUR',
      ],
      [
        held.number,
        'RESERVED',
        spec.memory.orders.find((o) => o.id === held.id)!.createdAt.toISOString(),
        '',
        holder.userId,
        '',
        'Standard × 1',
        '0',
        '',
        '2500',
        '0',
        'EUR',
      ],
    ]);
  });

  it('holds nothing of an event for someone who does not organize it, even if asked with its id', async () => {
    const spec = exportsSpec();
    const { event } = await soldWithAnswers(spec);

    expect(await table(spec.exports.ordersCsv(event.id, randomUUID()))).toEqual([[...ORDER_COLUMNS]]);
    expect(await table(spec.exports.attendeesCsv(event.id, randomUUID()))).toEqual([[...ATTENDEE_COLUMNS, 'other_answers']]);
  });
});

describe('attendees.csv (Exports.attendeesCsv)', () => {
  it('gives one row per ticket with a column per question, cancelled tickets included, and no ticket codes', async () => {
    const spec = exportsSpec();
    const { event, organizer, placed, vipTicket } = await soldWithAnswers(spec);

    const [header, ...rows] = await table(spec.exports.attendeesCsv(event.id, organizer.userId));

    expect(header).toEqual([...ATTENDEE_COLUMNS, 'Dietary needs', 'T-shirt size', 'other_answers']);
    const standard = spec.memory.tickets.find((t) => t.orderId === placed.id && t.id !== vipTicket.id)!;
    // Tickets bought together may share their purchase time: compared in ticket id order.
    const byTicketId = (a: string[], b: string[]) => a[0]!.localeCompare(b[0]!);
    expect(rows.sort(byTicketId)).toEqual(
      [
        [
          standard.id,
          placed.number,
          `'=HYPERLINK("http://evil")`,
          'grace@example.com',
          'Ada Lovelace',
          'Standard',
          'ACTIVE',
          '',
          'Vegan, no nuts',
          'M',
          '',
        ],
        [vipTicket.id, placed.number, 'Ada', '', 'Ada Lovelace', 'VIP', 'CANCELLED', '', '', 'S', ''],
      ].sort(byTicketId),
    );
    const file = rows.flat().join(',');
    for (const ticket of spec.memory.tickets) expect(file).not.toContain(ticket.code);
  });

  it('keeps answers to questions removed since under other_answers, with the label they were asked under', async () => {
    const spec = exportsSpec();
    const { event, organizer } = await soldWithAnswers(spec);
    await spec.questions.set(organizer, event.id, [{ label: 'Company', kind: 'TEXT', required: false }]);

    const [header, ...rows] = await table(spec.exports.attendeesCsv(event.id, organizer.userId));

    expect(header!.slice(ATTENDEE_COLUMNS.length)).toEqual(['Company', 'other_answers']);
    expect(rows.map((r) => r.slice(ATTENDEE_COLUMNS.length))).toEqual(
      expect.arrayContaining([
        ['', 'Dietary needs: Vegan, no nuts; T-shirt size: M'],
        ['', 'T-shirt size: S'],
      ]),
    );
    expect(rows).toHaveLength(2);
  });
});
