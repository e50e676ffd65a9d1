import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen';

type Output = { filename: string; content: string };

/** As schema/src/generated-types.test.ts does for the subgraphs: the committed types are what codegen makes today. */
describe('web/src/__generated__ (typed documents)', () => {
  it('is what the supergraph API schema and the documents in web/src generate today (run `npm run codegen -w web`)', async () => {
    const outputs = (await generate({ ...config, silent: true }, false)) as Output[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), output.filename).toBe(output.content);
    }
  }, 60_000);
});
