import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { CancelOrderDocument, MeDocument } from '../../web/src/__generated__/graphql.js';
import { operationHash } from './safelist.js';
import { webOperationsManifest } from './web-operations.js';

/** The query texts the web app's own Apollo Client setup sends for these operations. */
async function textsSentByApolloClient() {
  const sent: string[] = [];
  const link = new HttpLink({
    uri: 'http://router.invalid/graphql',
    fetch: async (_url, init) => {
      sent.push((JSON.parse(String(init?.body)) as { query: string }).query);
      return new Response('{"data":null}', { headers: { 'content-type': 'application/json' } });
    },
  });
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  await Promise.allSettled([
    client.query({ query: MeDocument, fetchPolicy: 'no-cache' }),
    client.mutate({ mutation: CancelOrderDocument, variables: { orderId: 'o1' }, fetchPolicy: 'no-cache' }),
  ]);
  return sent;
}

describe('webOperationsManifest', () => {
  it('registers the exact text Apollo Client sends, so the web app runs in safelist mode', async () => {
    const ids = new Set(webOperationsManifest().operations.map((operation) => operation.id));
    const sent = await textsSentByApolloClient();
    expect(sent).toHaveLength(2);
    for (const text of sent) expect(ids).toContain(operationHash(text));
  });

  it('lists every named operation of the generated documents once, each id the sha256 of its body', () => {
    const { operations } = webOperationsManifest();
    expect(operations.map((o) => o.name)).toContain('Me');
    expect(new Set(operations.map((o) => o.name)).size).toBe(operations.length);
    for (const operation of operations) expect(operation.id).toBe(operationHash(operation.body));
  });
});
