import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from './subgraphs.js';

type Output = { filename: string; content: string };

/** The committed resolver types, regenerated in memory from each subgraph's own codegen config. */
describe('src/__generated__/resolvers-types.ts of every subgraph', () => {
  it.each(SUBGRAPHS.map((s) => s.name))(
    'is what %s/schema.graphql generates today (run `npm run codegen` after changing it)',
    async (name) => {
      const dir = fileURLToPath(new URL(`../../subgraphs/${name}/`, import.meta.url));
      const config = ((await import(path.join(dir, 'codegen.ts'))) as { default: CodegenConfig }).default;
      const absolute: CodegenConfig = {
        ...config,
        schema: path.join(dir, 'schema.graphql'),
        generates: Object.fromEntries(Object.entries(config.generates).map(([file, target]) => [path.join(dir, file), target])),
        silent: true,
      };
      const outputs = (await generate(absolute, false)) as Output[];
      expect(outputs).toHaveLength(1);
      expect(readFileSync(outputs[0]!.filename, 'utf8')).toBe(outputs[0]!.content);
    },
    60_000,
  );
});
