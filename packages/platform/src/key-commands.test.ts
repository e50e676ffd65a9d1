import { describe, expect, it } from 'vitest';
import { parseDuration, parseKeyCommand } from './key-commands.js';

describe('npm run keys arguments', () => {
  it('reads each command', () => {
    expect(parseKeyCommand(['list'])).toEqual({ action: 'list' });
    expect(parseKeyCommand(['rotate', 'jwt'])).toEqual({ action: 'rotate', kind: 'jwt', graceMs: undefined });
    expect(parseKeyCommand(['rotate', 'qr', '--grace', '30d'])).toEqual({ action: 'rotate', kind: 'qr', graceMs: 30 * 86_400_000 });
    expect(parseKeyCommand(['retire', 'qr', 'abc'])).toEqual({ action: 'retire', kind: 'qr', kid: 'abc', graceMs: 0 });
    expect(parseKeyCommand(['retire', '--grace', '15m', 'jwt', 'abc'])).toEqual({
      action: 'retire',
      kind: 'jwt',
      kid: 'abc',
      graceMs: 900_000,
    });
  });

  it('refuses what it cannot read, saying how to write it', () => {
    expect(() => parseKeyCommand([])).toThrow('Usage: npm run keys');
    expect(() => parseKeyCommand(['constructor'])).toThrow('Usage: npm run keys');
    expect(() => parseKeyCommand(['rotate'])).toThrow('Say which keys');
    expect(() => parseKeyCommand(['retire', 'jwt'])).toThrow('retire needs the key id');
    expect(() => parseKeyCommand(['rotate', 'jwt', 'extra'])).toThrow('Unexpected "extra"');
    expect(() => parseKeyCommand(['rotate', 'jwt', '--grace'])).toThrow('--grace needs a duration');
    expect(() => parseKeyCommand(['list', '--grace', '1h'])).toThrow('list takes no --grace');
  });

  it('reads durations in seconds to days, and only those', () => {
    expect([parseDuration('0'), parseDuration('90s'), parseDuration('15m'), parseDuration('12h'), parseDuration('30d')]).toEqual([
      0, 90_000, 900_000, 43_200_000, 2_592_000_000,
    ]);
    for (const bad of ['5', '-1d', '1w', '1.5h', '']) expect(() => parseDuration(bad)).toThrow('is not a duration');
  });
});
