import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseInput } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import { Questions } from './questions.js';
import { at, order, person, refusal, ticketsSpec } from './spec-support.js';
import { questionsInput, type QuestionsInput } from './validation.js';

function questionsSpec() {
  const spec = ticketsSpec();
  const events: EventsClient = { getEvent: async (id) => spec.events.get(id) ?? null };
  return { ...spec, questions: new Questions(spec.repositories, events) };
}

const asked: QuestionsInput = [
  { label: 'Dietary needs', kind: 'TEXT', required: false },
  { label: 'T-shirt size', kind: 'CHOICE', required: true, options: ['S', 'M', 'L'] },
  { label: 'I accept the code of conduct', kind: 'CHECKBOX', required: true },
];

/** The questions as `setQuestions` parses them, or the refusal's extensions. */
const parsed = (questions: unknown) => {
  try {
    return parseInput(questionsInput, { questions });
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
};

describe('Mutation.setQuestions', () => {
  it('sets the event’s questions in the order given, readable by anyone on the event', async () => {
    const spec = questionsSpec();
    const { event, organizer } = await spec.onSale(10);

    await spec.questions.set(organizer, event.id, asked);

    const read = await spec.repositories.questions.ofEvents([event.id]);
    expect(read.map((q) => [q.position, q.label, q.kind, q.required, q.options])).toEqual([
      [0, 'Dietary needs', 'TEXT', false, []],
      [1, 'T-shirt size', 'CHOICE', true, ['S', 'M', 'L']],
      [2, 'I accept the code of conduct', 'CHECKBOX', true, []],
    ]);
  });

  it('replaces the questions as a whole, and an empty list removes them', async () => {
    const spec = questionsSpec();
    const { event, organizer } = await spec.onSale(10);
    await spec.questions.set(organizer, event.id, asked);

    await spec.questions.set(organizer, event.id, [{ label: 'Company', kind: 'TEXT', required: true }]);
    expect((await spec.repositories.questions.ofEvents([event.id])).map((q) => q.label)).toEqual(['Company']);

    await spec.questions.set(organizer, event.id, []);
    expect(await spec.repositories.questions.ofEvents([event.id])).toEqual([]);
  });

  it('lets an organizer ask on a draft, and refuses an event that is cancelled or over', async () => {
    const spec = questionsSpec();
    const draft = await spec.onSale(10, {}, { status: 'DRAFT' });
    const cancelled = await spec.onSale(10, {}, { status: 'CANCELLED' });
    const over = await spec.onSale(10, {}, { startsAt: at(-3), endsAt: at(-1) });

    await spec.questions.set(draft.organizer, draft.event.id, asked);
    expect(await refusal(spec.questions.set(cancelled.organizer, cancelled.event.id, asked))).toMatchObject({ code: 'EVENT_CANCELLED' });
    expect(await refusal(spec.questions.set(over.organizer, over.event.id, asked))).toMatchObject({ code: 'EVENT_COMPLETED' });
    expect(await spec.repositories.questions.ofEvents([cancelled.event.id, over.event.id])).toEqual([]);
  });

  it('refuses a user who is not an organizer with FORBIDDEN', async () => {
    const spec = questionsSpec();
    const { event } = await spec.onSale(10);

    expect(await refusal(spec.questions.set(person(), event.id, asked))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers NOT_FOUND for another organizer’s event, one that does not exist and a malformed id, changing nothing', async () => {
    const spec = questionsSpec();
    const { event, organizer } = await spec.onSale(10);
    await spec.questions.set(organizer, event.id, asked);

    for (const [who, id] of [
      [person('ORGANIZER'), event.id],
      [organizer, randomUUID()],
      [organizer, 'not-an-id'],
    ] as const) {
      expect(await refusal(spec.questions.set(who, id, []))).toMatchObject({ code: 'NOT_FOUND', field: 'eventId' });
    }
    expect(await spec.repositories.questions.ofEvents([event.id])).toHaveLength(3);
  });

  it('refuses malformed questions with BAD_USER_INPUT naming the field', () => {
    const choice = { label: 'Size', kind: 'CHOICE', required: true };
    expect(parsed([{ ...choice, options: ['S'] }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'questions.0.options' });
    expect(parsed([{ ...choice, options: ['S', 'S'] }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'questions.0.options' });
    expect(parsed([{ label: 'Name', kind: 'TEXT', required: true, options: ['a', 'b'] }])).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'questions.0.options',
    });
    expect(parsed([{ label: '   ', kind: 'TEXT', required: true }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'questions.0.label' });
    const many = Array.from({ length: 51 }, (_, i) => ({ label: `Q${i}`, kind: 'TEXT', required: false }));
    expect(parsed(many)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'questions' });
    expect(parsed([{ label: '  Size ', kind: 'CHOICE', required: true, options: ['S', 'M'] }])).toMatchObject({
      questions: [{ label: 'Size' }],
    });
  });
});

describe('questions answered when ordering (Mutation.reserveTickets attendees)', () => {
  async function asking() {
    const spec = questionsSpec();
    const sale = await spec.onSale(10);
    await spec.questions.set(sale.organizer, sale.event.id, asked);
    const [diet, size, conduct] = await spec.repositories.questions.ofEvents([sale.event.id]);
    return { spec, ...sale, diet: diet!, size: size!, conduct: conduct! };
  }

  it('stores each attendee’s answers with the question as it was asked, so later changes leave them readable', async () => {
    const { spec, event, type, organizer, size, conduct } = await asking();
    const attendee = {
      ticketTypeId: type.id,
      name: 'Ada',
      answers: [
        { questionId: conduct.id, value: 'true' },
        { questionId: size.id, value: 'M' },
      ],
    };

    const placed = await spec.ordering.reserve(person(), {
      ...order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]),
      attendees: [attendee],
    });
    await spec.questions.set(organizer, event.id, []);

    expect(spec.memory.orders.find((o) => o.id === placed.id)!.attendees).toEqual([
      {
        ticketTypeId: type.id,
        name: 'Ada',
        email: null,
        answers: [
          { questionId: size.id, label: 'T-shirt size', kind: 'CHOICE', value: 'M' },
          { questionId: conduct.id, label: 'I accept the code of conduct', kind: 'CHECKBOX', value: 'true' },
        ],
      },
    ]);
  });

  it('refuses an order whose attendee leaves a required question unanswered or answers outside the options', async () => {
    const { spec, event, type, size, conduct } = await asking();
    const reserve = (answers: { questionId: string; value: string }[]) =>
      spec.ordering.reserve(person(), {
        ...order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]),
        attendees: [{ ticketTypeId: type.id, name: 'Ada', answers }],
      });

    expect(await refusal(reserve([{ questionId: size.id, value: 'M' }]))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'attendees.0.answers',
      questionId: conduct.id,
    });
    expect(
      await refusal(
        reserve([
          { questionId: size.id, value: 'XXL' },
          { questionId: conduct.id, value: 'true' },
        ]),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendees.0.answers.0', questionId: size.id });
    expect(await refusal(spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 1 }])))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'attendees',
    });
    expect(spec.memory.orders).toEqual([]);
    expect(type.held).toBe(0);
  });

  it('sends a free order with required questions and no attendees to reserveTickets (ATTENDEE_DETAILS_REQUIRED)', async () => {
    const spec = questionsSpec();
    const { event, type, organizer } = await spec.onSale(10, { priceCents: 0 });
    await spec.questions.set(organizer, event.id, asked);

    expect(
      await refusal(
        spec.ordering.purchase(person(), { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: randomUUID() }),
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ATTENDEE_DETAILS_REQUIRED',
    });
  });
});
