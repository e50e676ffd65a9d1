import { describe, expect, it } from 'vitest';
import { readyUrlOf } from './health.js';

describe('readyUrlOf', () => {
  it('puts /readyz beside the subgraph GraphQL endpoint', () => {
    expect(readyUrlOf('http://127.0.0.1:8081/graphql')).toBe('http://127.0.0.1:8081/readyz');
    expect(readyUrlOf('http://users:8081/graphql/')).toBe('http://users:8081/readyz');
    expect(readyUrlOf('https://api.internal/users/graphql')).toBe('https://api.internal/users/readyz');
    expect(readyUrlOf('http://users:8081')).toBe('http://users:8081/readyz');
  });
});
