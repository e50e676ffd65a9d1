import { describe, expect, it } from 'vitest';
import { composeSupergraph, readSupergraph } from './compose.js';

describe('schema/supergraph.graphql', () => {
  it('is what the subgraph schemas compose to today (run `npm run compose` after changing one)', () => {
    expect(readSupergraph()).toBe(composeSupergraph());
  });
});
