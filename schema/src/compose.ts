import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, SUPERGRAPH_PATH } from './subgraphs.js';

/** Composes the subgraph schemas; throws with every composition error listed. */
export function composeSupergraph(): string {
  const result = composeServices(SUBGRAPHS.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(readFileSync(s.schemaPath, 'utf8')) })));
  if (result.errors) {
    const lines = result.errors.map((e) => `  - ${e.message}`).join('\n');
    throw new Error(`Supergraph composition failed:\n${lines}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sdl = composeSupergraph();
  writeFileSync(SUPERGRAPH_PATH, sdl);
  console.log(`[compose] wrote ${SUPERGRAPH_PATH} from ${SUBGRAPHS.map((s) => s.name).join(', ')}`);
}
