import { describe, expect, it } from 'vitest';
import { DateTimeScalar } from './scalars.js';

describe('DateTime scalar', () => {
  it.each([
    '2027-02-30T10:00:00Z',
    '2027-02-29T10:00:00Z',
    '2027-04-31T00:00:00Z',
    '2027-13-01T00:00:00Z',
    '2027-00-10T00:00:00Z',
    '2027-01-00T00:00:00Z',
    '1900-02-29T00:00:00Z',
  ])('refuses %s, a day the month does not have, instead of rolling it over', (value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });

  it.each([
    ['2028-02-29T10:00:00Z', '2028-02-29T10:00:00.000Z'],
    ['2000-02-29T23:30:00-01:00', '2000-03-01T00:30:00.000Z'],
    ['2027-12-31T23:59:59.999+14:00', '2027-12-31T09:59:59.999Z'],
  ])('accepts the real date %s', (value, iso) => {
    expect((DateTimeScalar.parseValue(value) as Date).toISOString()).toBe(iso);
  });
});
