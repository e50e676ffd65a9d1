import { describe, expect, it } from 'vitest';
import { attendeeProblems, attendeesInput, attendeeSlots, blamedAttendeeControl, type AskedQuestion } from './attendees';

const types = [
  { id: 'std', name: 'Standard' },
  { id: 'vip', name: 'VIP' },
];
const size: AskedQuestion = { id: 'q-size', label: 'T-shirt size', kind: 'CHOICE', required: true, options: ['S', 'M', 'L'] };
const diet: AskedQuestion = { id: 'q-diet', label: 'Diet', kind: 'TEXT', required: false, options: [] };
const rules: AskedQuestion = { id: 'q-rules', label: 'House rules', kind: 'CHECKBOX', required: true, options: [] };

describe('attendeeSlots', () => {
  it('gives one slot per ticket chosen, in the types’ order, with keys that survive a quantity change', () => {
    const slots = attendeeSlots(types, { vip: 1, std: 2 });
    expect(slots.map((slot) => [slot.key, slot.typeName])).toEqual([
      ['std#0', 'Standard'],
      ['std#1', 'Standard'],
      ['vip#0', 'VIP'],
    ]);
    expect(attendeeSlots(types, { std: 1 }).map((slot) => slot.key)).toEqual(['std#0']);
  });
});

describe('attendeesInput', () => {
  it('sends every question once per attendee, in the questions’ order, blanks and unticked boxes included', () => {
    const slots = attendeeSlots(types, { std: 1, vip: 1 });
    const drafts = {
      'std#0': { name: '  Ann Tester ', email: ' ann@example.com ', answers: { 'q-diet': 'Vegan', 'q-size': 'M', 'q-rules': 'true' } },
    };
    expect(attendeesInput(slots, drafts, [size, diet, rules])).toEqual([
      {
        ticketTypeId: 'std',
        name: 'Ann Tester',
        email: 'ann@example.com',
        answers: [
          { questionId: 'q-size', value: 'M' },
          { questionId: 'q-diet', value: 'Vegan' },
          { questionId: 'q-rules', value: 'true' },
        ],
      },
      {
        ticketTypeId: 'vip',
        name: '',
        email: null,
        answers: [
          { questionId: 'q-size', value: '' },
          { questionId: 'q-diet', value: '' },
          { questionId: 'q-rules', value: 'false' },
        ],
      },
    ]);
  });
});

describe('attendeeProblems', () => {
  it('names every missing name and required answer, and a malformed email, by control path', () => {
    const slots = attendeeSlots(types, { std: 2 });
    const drafts = {
      'std#0': { name: 'Ann', email: 'not-an-email', answers: { 'q-size': 'S', 'q-rules': 'true' } },
      'std#1': { name: ' ', email: '', answers: { 'q-rules': 'false' } },
    };
    expect(attendeeProblems(slots, drafts, [size, diet, rules])).toEqual([
      { path: 'attendees.0.email', reason: 'email' },
      { path: 'attendees.1.name', reason: 'name' },
      { path: 'attendees.1.answers.0', reason: 'CHOICE' },
      { path: 'attendees.1.answers.2', reason: 'CHECKBOX' },
    ]);
  });

  it('never asks for an optional answer, and refuses a name over 100 characters', () => {
    const slots = attendeeSlots(types, { vip: 1 });
    expect(attendeeProblems(slots, { 'vip#0': { name: 'x'.repeat(101), email: '', answers: {} } }, [diet])).toEqual([
      { path: 'attendees.0.name', reason: 'name' },
    ]);
    expect(attendeeProblems(slots, { 'vip#0': { name: 'Vera', email: '', answers: {} } }, [diet])).toEqual([]);
  });
});

describe('blamedAttendeeControl', () => {
  const api = (extensions: Record<string, unknown>) => ({ code: 'BAD_USER_INPUT', extensions });

  it('points the API’s answer paths at the question’s control', () => {
    expect(blamedAttendeeControl(api({ field: 'attendees.1.answers.0' }), [size, diet])).toEqual({
      path: 'attendees.1.answers.0',
      reason: 'CHOICE',
    });
    expect(blamedAttendeeControl(api({ field: 'attendees.0.answers', questionId: 'q-diet' }), [size, diet])).toEqual({
      path: 'attendees.0.answers.1',
      reason: 'TEXT',
    });
    expect(blamedAttendeeControl(api({ field: 'attendees.2.name' }), [])).toEqual({ path: 'attendees.2.name', reason: 'name' });
  });

  it('leaves refusals about no one control to the form', () => {
    expect(blamedAttendeeControl(api({ field: 'attendees' }), [size])).toBeUndefined();
    expect(blamedAttendeeControl(api({ field: 'attendees.0.answers', questionId: 'gone' }), [size])).toBeUndefined();
    expect(blamedAttendeeControl({ code: 'SOLD_OUT', extensions: {} }, [size])).toBeUndefined();
    expect(blamedAttendeeControl(undefined, [size])).toBeUndefined();
  });
});
