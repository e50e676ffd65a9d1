import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configurationTable, withConfigurationTable } from './config-docs.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe("README.md's configuration table", () => {
  it('is the one the config schemas generate (run `npm run docs` after changing a variable)', () => {
    expect(withConfigurationTable(readme)).toBe(readme);
  });

  it('describes every variable it lists', () => {
    const undescribed = configurationTable()
      .split('\n')
      .slice(2)
      .filter((line) => line.trimEnd().endsWith('|  |'));
    expect(undescribed).toEqual([]);
  });
});
