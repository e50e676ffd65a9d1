import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * What a client may ask: the supergraph's API schema (no federation internals such as `_entities`
 * or `join__*`), printed as SDL. The router serves exactly this schema.
 */
export function apiSchemaSdl(): string {
  const supergraph = readFileSync(here('../schema/supergraph.graphql'), 'utf8');
  return printSchema(Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema());
}

/**
 * Typed documents for the web app: every `graphql(`…`)` in src/ becomes a TypedDocumentNode in
 * src/__generated__/ (GraphQL Code Generator's client preset). Paths are absolute so the staleness
 * test (src/codegen.test.ts) can run this config from the repository root.
 */
const config: CodegenConfig = {
  schema: apiSchemaSdl(),
  documents: [here('src/**/*.{ts,tsx}'), `!${here('src/__generated__/**')}`, `!${here('src/**/*.test.{ts,tsx}')}`],
  ignoreNoDocuments: true,
  generates: {
    [here('src/__generated__/')]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
        skipTypename: false,
        scalars: { DateTime: 'string' },
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
