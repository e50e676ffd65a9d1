import { describe, expect, it } from 'vitest';
import { currencyDigits, minorToMajorInput, parseMajorUnits } from './money';

describe('currencyDigits', () => {
  it('knows how many minor digits a currency has', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('RUB')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });
});

describe('parseMajorUnits (the price field, major units → minor units)', () => {
  it('reads whole amounts and fractions with a dot or a comma', () => {
    expect(parseMajorUnits('25', 'EUR')).toBe(2500);
    expect(parseMajorUnits('25.5', 'EUR')).toBe(2550);
    expect(parseMajorUnits('25,50', 'RUB')).toBe(2550);
    expect(parseMajorUnits('0', 'EUR')).toBe(0);
    expect(parseMajorUnits('0.01', 'EUR')).toBe(1);
    expect(parseMajorUnits(' 19.99 ', 'USD')).toBe(1999);
  });

  it('takes separators followed by three digits as thousands', () => {
    expect(parseMajorUnits('1,500', 'EUR')).toBe(150_000);
    expect(parseMajorUnits('1.500', 'RUB')).toBe(150_000);
    expect(parseMajorUnits('1,500,000.25', 'USD')).toBe(150_000_025);
    expect(parseMajorUnits('1.500,25', 'EUR')).toBe(150_025);
    expect(parseMajorUnits('1 500,25', 'RUB')).toBe(150_025);
    expect(parseMajorUnits('1\u00a0500', 'RUB')).toBe(150_000);
    // Ambiguous, so the form shows the amount it read next to the field.
    expect(parseMajorUnits('25.505', 'EUR')).toBe(2_550_500);
  });

  it('follows the currency’s minor digits', () => {
    expect(parseMajorUnits('500', 'JPY')).toBe(500);
    expect(parseMajorUnits('1,500', 'JPY')).toBe(1500);
    expect(parseMajorUnits('1.5', 'JPY')).toBeUndefined();
    expect(parseMajorUnits('1.234', 'KWD')).toBe(1234);
  });

  it('refuses what is not a price', () => {
    for (const text of ['', ' ', '-5', 'abc', '1.2.3', '25.', '1,5000', '12,34,56', '1e3', '1.50,5']) {
      expect(parseMajorUnits(text, 'EUR'), text).toBeUndefined();
    }
  });
});

describe('minorToMajorInput', () => {
  it('writes minor units back as the form shows them', () => {
    expect(minorToMajorInput(2550, 'EUR')).toBe('25.50');
    expect(minorToMajorInput(5, 'EUR')).toBe('0.05');
    expect(minorToMajorInput(0, 'RUB')).toBe('0.00');
    expect(minorToMajorInput(500, 'JPY')).toBe('500');
    expect(minorToMajorInput(1234, 'KWD')).toBe('1.234');
  });

  it('round-trips through parseMajorUnits', () => {
    for (const [minor, currency] of [
      [123_456, 'EUR'],
      [1, 'USD'],
      [999, 'JPY'],
      [100_000_000, 'RUB'],
    ] as const) {
      expect(parseMajorUnits(minorToMajorInput(minor, currency), currency)).toBe(minor);
    }
  });
});
