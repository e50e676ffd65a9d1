import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { secretWeakness } from '@sbor/core';
import { configurationTable, envExample, withConfigurationTable } from './config-docs.js';

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

describe('.env.example', () => {
  const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
  const named = (text: string) => new Set([...text.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));

  it('lists every variable of every config schema (run `npm run docs` after changing a variable)', () => {
    const inTable = [...configurationTable().matchAll(/^\| `([A-Z][A-Z0-9_]*)`/gm)].map((match) => match[1]);
    expect(inTable.filter((name) => !named(example).has(name))).toEqual([]);
    expect(example).toBe(envExample());
  });

  it('gives no secret a value production would take', () => {
    const secrets = [...example.matchAll(/^([A-Z][A-Z0-9_]*_SECRET)=(.*)$/gm)];
    expect(secrets.map((match) => match[1])).toContain('ROUTER_SECRET');
    for (const [, , value] of secrets) expect(value === '' || secretWeakness(value!) !== undefined).toBe(true);
  });
});
