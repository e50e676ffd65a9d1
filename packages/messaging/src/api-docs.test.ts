import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@sbor/core';
import { factDataSchemas } from './contracts.js';
import { FACT_TOPICS } from './topics.js';

const doc = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
/** The table row that starts with this code or topic. */
const rowOf = (name: string) => doc.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));

describe('docs/api.md', () => {
  it('lists every error code a client can get', () => {
    expect(Object.values(ErrorCode).filter((code) => !rowOf(code))).toEqual([]);
  });

  it('lists every fact with every field of its contract', () => {
    const missing = FACT_TOPICS.flatMap((topic) => {
      const row = rowOf(topic);
      if (!row) return [topic];
      return Object.keys(factDataSchemas[topic].shape)
        .filter((field) => !row.includes(`\`${field}\``))
        .map((field) => `${topic}.${field}`);
    });
    expect(missing).toEqual([]);
  });
});
