/**
 * Attendee questions over the tickets API, in both runtime modes: the organizer sets them, anyone
 * reads them, reserveTickets refuses missing or invalid answers naming the field, and the tickets
 * carry each attendee's name and answers to their holder and organizer only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, organizerOf, RESERVE, startTicketsService, typeOnSale, type TicketsService } from './organizer-tools-harness.js';

const SET = `mutation($eventId: ID!, $questions: [QuestionInput!]!) { setQuestions(eventId: $eventId, questions: $questions) {
  id questions { id label kind required options } } }`;
const QUESTIONS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { questions { id label kind required options } } } }`;
const TICKET = `query($id: ID!) { ticket(id: $id) { id attendeeName attendeeEmail answers { questionId label kind value } } }`;

const ASKED = [
  { label: 'Dietary needs', kind: 'TEXT', required: false },
  { label: 'T-shirt size', kind: 'CHOICE', required: true, options: ['S', 'M', 'L'] },
  { label: 'I accept the code of conduct', kind: 'CHECKBOX', required: true },
];

describe.each(MODES)('attendee questions (%s mode)', (mode) => {
  let service: TicketsService;
  beforeAll(async () => {
    service = await startTicketsService(mode, 'tickets_questions');
  });
  afterAll(async () => {
    await service?.close();
  });

  const questionsOf = async (eventId: string) =>
    (await service.ok(QUESTIONS, { r: [{ __typename: 'Event', id: eventId }] }))._entities[0].questions as {
      id: string;
      label: string;
      kind: string;
    }[];

  /** A free type of an event that asks ASKED. */
  async function askingEvent() {
    const event = service.stub.add();
    const typeId = await typeOnSale(service, event, { quantity: 10, priceCents: 0 });
    const set = await service.ok(SET, { eventId: event.id, questions: ASKED }, organizerOf(event));
    const [diet, size, conduct] = set.setQuestions.questions as { id: string }[];
    return { event, typeId, diet: diet!.id, size: size!.id, conduct: conduct!.id };
  }

  describe('Mutation.setQuestions', () => {
    it('replaces the event’s questions, in order, which anyone may read in Event.questions', async () => {
      const event = service.stub.add();
      const set = await service.ok(SET, { eventId: event.id, questions: ASKED }, organizerOf(event));
      expect(set.setQuestions).toMatchObject({
        id: event.id,
        questions: [
          { label: 'Dietary needs', kind: 'TEXT', required: false, options: [] },
          { label: 'T-shirt size', kind: 'CHOICE', required: true, options: ['S', 'M', 'L'] },
          { label: 'I accept the code of conduct', kind: 'CHECKBOX', required: true, options: [] },
        ],
      });
      expect((await questionsOf(event.id)).map((q) => q.label)).toEqual(ASKED.map((q) => q.label));

      await service.ok(SET, { eventId: event.id, questions: [] }, organizerOf(event));
      expect(await questionsOf(event.id)).toEqual([]);
    });

    it('never lets anyone but the organizer set them, and refuses bad input naming the field', async () => {
      const event = service.stub.add();
      const args = { eventId: event.id, questions: ASKED };
      expect(await service.refusal(SET, args)).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await service.refusal(SET, args, event.organizerId)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await service.refusal(SET, args, { userId: randomUUID(), role: 'ORGANIZER' })).toMatchObject({ code: 'NOT_FOUND' });

      const bad = (questions: unknown[]) => service.refusal(SET, { eventId: event.id, questions }, organizerOf(event));
      expect(await bad([ASKED[0], { label: 'Size', kind: 'CHOICE', required: true, options: ['S'] }])).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'questions.1.options',
      });
      expect(await bad([{ label: 'Diet', kind: 'TEXT', required: false, options: ['a', 'b'] }])).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'questions.0.options',
      });
      expect(await bad([{ label: '  ', kind: 'TEXT', required: false }])).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'questions.0.label',
      });
      expect(await questionsOf(event.id)).toEqual([]);
    });
  });

  describe('Mutation.reserveTickets with attendees', () => {
    it('refuses missing or invalid required answers with BAD_USER_INPUT naming the field, and sells nothing', async () => {
      const { event, typeId, size, conduct } = await askingEvent();
      const buyer = randomUUID();
      const reserve = (attendees?: unknown[], quantity = 1) =>
        service.refusal(
          RESERVE,
          { input: { eventId: event.id, items: [{ ticketTypeId: typeId, quantity }], attendees, idempotencyKey: randomUUID() } },
          buyer,
        );
      const person = (answers: { questionId: string; value: string }[], name = 'Ann') => ({ ticketTypeId: typeId, name, answers });
      const valid = [
        { questionId: size, value: 'M' },
        { questionId: conduct, value: 'true' },
      ];

      expect(await reserve()).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendees' });
      expect(await reserve([person(valid)], 2)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendees' });
      expect(await reserve([person(valid), person([{ questionId: conduct, value: 'true' }])], 2)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'attendees.1.answers',
      });
      expect(await reserve([person([{ questionId: size, value: 'XXL' }, valid[1]!])])).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'attendees.0.answers.0',
      });
      expect(await reserve([person([valid[0]!, { questionId: conduct, value: 'false' }])])).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'attendees.0.answers.1',
      });
      expect(await reserve([person([...valid, { questionId: randomUUID(), value: 'x' }])])).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'attendees.0.answers.2.questionId',
      });
      expect((await service.ok(`{ myOrders { edges { node { id } } } }`, {}, buyer)).myOrders.edges).toEqual([]);
    });

    it('keeps each attendee’s name and answers on their ticket, seen by the holder and the organizer, by no one else', async () => {
      const { event, typeId, diet, size, conduct } = await askingEvent();
      const buyer = randomUUID();
      const attendees = [
        {
          ticketTypeId: typeId,
          name: 'Ann Lee',
          email: 'ann@example.com',
          answers: [
            { questionId: size, value: 'S' },
            { questionId: conduct, value: 'true' },
            { questionId: diet, value: 'Vegan' },
          ],
        },
        {
          ticketTypeId: typeId,
          name: 'Bo Chen',
          answers: [
            { questionId: conduct, value: 'true' },
            { questionId: size, value: 'L' },
          ],
        },
      ];
      const placed = await service.ok(
        RESERVE,
        { input: { eventId: event.id, items: [{ ticketTypeId: typeId, quantity: 2 }], attendees, idempotencyKey: randomUUID() } },
        buyer,
      );
      expect(placed.reserveTickets.status).toBe('PAID');
      const tickets = placed.reserveTickets.tickets as { id: string; attendeeName: string }[];
      const ann = tickets.find((t) => t.attendeeName === 'Ann Lee')!;
      const expected = {
        id: ann.id,
        attendeeName: 'Ann Lee',
        attendeeEmail: 'ann@example.com',
        // In the questions' order, each with its question as asked.
        answers: [
          { questionId: diet, label: 'Dietary needs', kind: 'TEXT', value: 'Vegan' },
          { questionId: size, label: 'T-shirt size', kind: 'CHOICE', value: 'S' },
          { questionId: conduct, label: 'I accept the code of conduct', kind: 'CHECKBOX', value: 'true' },
        ],
      };
      expect(tickets.map((t) => t.attendeeName).sort()).toEqual(['Ann Lee', 'Bo Chen']);
      expect((await service.ok(TICKET, { id: ann.id }, buyer)).ticket).toEqual(expected);
      expect((await service.ok(TICKET, { id: ann.id }, organizerOf(event))).ticket).toEqual(expected);
      expect((await service.ok(TICKET, { id: ann.id }, randomUUID())).ticket).toBeNull();
      expect((await service.ok(TICKET, { id: ann.id }, { userId: randomUUID(), role: 'ORGANIZER' })).ticket).toBeNull();

      // Replacing the questions later leaves the answers as they were given.
      await service.ok(SET, { eventId: event.id, questions: [] }, organizerOf(event));
      expect((await service.ok(TICKET, { id: ann.id }, buyer)).ticket).toEqual(expected);
    });
  });
});
