import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { fieldErrorOf } from './field-error';
import { createTranslator } from './translate';

const en = createTranslator('en');
const ru = createTranslator('ru');
const apiError = (code: string, extensions: Record<string, unknown> = {}) =>
  new CombinedGraphQLErrors({ data: null, errors: [{ message: 'raw server text', extensions: { code, ...extensions } }] });

// The organizer's forms are the examples: their sentences live under `organizer.<form>.error`.
const eventForm = { paths: ['title', 'startsAt', 'endsAt'], prefix: 'organizer.event.error', lockedKey: 'organizer.error.locked' } as const;

describe('fieldErrorOf (an API validation error placed on its field)', () => {
  it('puts a BAD_USER_INPUT on the field it names, in the reader’s language', () => {
    const error = apiError('BAD_USER_INPUT', { field: 'endsAt' });
    expect(fieldErrorOf(error, eventForm, en)).toEqual({ path: 'endsAt', message: en('organizer.event.error.endsAt') });
    expect(fieldErrorOf(error, eventForm, ru)).toEqual({ path: 'endsAt', message: ru('organizer.event.error.endsAt') });
    expect(fieldErrorOf(error, eventForm, ru)?.message).not.toBe(en('organizer.event.error.endsAt'));
  });

  it('reads a list item’s field from its path', () => {
    const error = apiError('BAD_USER_INPUT', { field: 'items.1.startsAt' });
    const schedule = { paths: ['items.0.startsAt', 'items.1.startsAt'], prefix: 'organizer.schedule.error' };
    expect(fieldErrorOf(error, schedule, en)).toEqual({ path: 'items.1.startsAt', message: en('organizer.schedule.error.startsAt') });
    const refund = { paths: ['ticketIds', 'ticketIds.0'], prefix: 'organizer.refund.error' };
    expect(fieldErrorOf(apiError('BAD_USER_INPUT', { field: 'ticketIds.0' }), refund, en)?.message).toBe(
      en('organizer.refund.error.ticketIds'),
    );
  });

  it('says a field is locked by the object’s state', () => {
    const error = apiError('BAD_USER_INPUT', { field: 'title', status: 'PUBLISHED' });
    expect(fieldErrorOf(error, eventForm, en)?.message).toBe(en('organizer.error.locked'));
  });

  it('keeps the sentence of a code that has its own, and the code’s sentence for a field without one', () => {
    const category = { paths: ['name', 'slug'], prefix: 'organizer.category.error' };
    expect(fieldErrorOf(apiError('SLUG_TAKEN', { field: 'slug' }), category, ru)?.message).toBe(ru('error.SLUG_TAKEN'));
    const form = { paths: ['hidden'], prefix: 'organizer.ticketType.error' };
    expect(fieldErrorOf(apiError('BAD_USER_INPUT', { field: 'hidden' }), form, en)?.message).toBe(en('error.BAD_USER_INPUT'));
  });

  it('leaves an error about no field of this form to the form, and never shows the server’s text', () => {
    expect(fieldErrorOf(apiError('BAD_USER_INPUT', { field: 'after' }), eventForm, en)).toBeUndefined();
    expect(fieldErrorOf(apiError('FORBIDDEN'), eventForm, en)).toBeUndefined();
    expect(fieldErrorOf(new Error('offline'), eventForm, en)).toBeUndefined();
    expect(fieldErrorOf(apiError('BAD_USER_INPUT', { field: 'title' }), eventForm, en)?.message).not.toMatch(/raw server text/);
  });
});
