import { describe, expect, it } from 'vitest';
import { AppError } from '@sbor/core';
import { createEventInput, listingInput, parseInput, scheduleInput, slugify, updateCategoryInput } from './validation.js';

const valid = {
  title: 'Jazz night',
  venue: 'Blue Hall',
  startsAt: new Date('2030-01-01T18:00:00Z'),
  endsAt: new Date('2030-01-01T21:00:00Z'),
};

function fieldOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).extensions;
  }
  return expect.unreachable('expected BAD_USER_INPUT');
}

describe('createEventInput', () => {
  it('trims text and defaults the description', () => {
    expect(parseInput(createEventInput, { ...valid, title: '  Jazz night ' })).toMatchObject({
      title: 'Jazz night',
      description: '',
      categoryId: null,
    });
  });

  it.each([
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: '   ' }, 'title'],
    [{ title: 'a\u0000b' }, 'title'],
    [{ description: 'x'.repeat(10_001) }, 'description'],
    [{ venue: 'x'.repeat(301) }, 'venue'],
    [{ categoryId: 'not-an-id' }, 'categoryId'],
  ])('refuses %j naming the field', (override, field) => {
    expect(fieldOf(() => parseInput(createEventInput, { ...valid, ...override }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('keeps line breaks in a description', () => {
    expect(parseInput(createEventInput, { ...valid, description: 'Line one\nLine two\tend' }).description).toBe('Line one\nLine two\tend');
  });
});

describe('scheduleInput', () => {
  it('refuses more than 100 items and over-long speakers', () => {
    const item = { title: 'Talk', startsAt: valid.startsAt, endsAt: valid.endsAt };
    expect(fieldOf(() => parseInput(scheduleInput, { items: Array.from({ length: 101 }, () => item) }))).toMatchObject({ field: 'items' });
    expect(fieldOf(() => parseInput(scheduleInput, { items: [{ ...item, speaker: 'x'.repeat(121) }] }))).toMatchObject({
      field: 'items.0.speaker',
    });
  });
});

describe('listingInput', () => {
  it('defaults first to 20 and caps it at 100', () => {
    expect(parseInput(listingInput, {}).first).toBe(20);
    expect(parseInput(listingInput, { first: 100 }).first).toBe(100);
    expect(fieldOf(() => parseInput(listingInput, { first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(fieldOf(() => parseInput(listingInput, { first: 0 }))).toMatchObject({ field: 'first' });
  });
});

describe('updateCategoryInput', () => {
  it('keeps omitted fields omitted and trims the rest', () => {
    expect(parseInput(updateCategoryInput, {})).toEqual({});
    expect(parseInput(updateCategoryInput, { name: ' Jazz ' })).toEqual({ name: 'Jazz' });
  });

  it.each([
    [{ name: null }, 'name'],
    [{ name: '  ' }, 'name'],
    [{ name: 'x'.repeat(61) }, 'name'],
    [{ slug: null }, 'slug'],
    [{ slug: 'Live Music' }, 'slug'],
    [{ slug: 'live--music' }, 'slug'],
  ])('refuses %j naming the field', (input, field) => {
    expect(fieldOf(() => parseInput(updateCategoryInput, input))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('slugify', () => {
  it.each([
    ['Live Music!', 'live-music'],
    ['  Café  Concerts ', 'cafe-concerts'],
    ['Концерты', ''],
  ])('makes %j into %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
