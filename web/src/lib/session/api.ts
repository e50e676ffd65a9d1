import { print } from '@apollo/client/utilities';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { graphql } from '../../__generated__';
import type { Exchange } from './single-flight';

const RefreshSession = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      accessToken
      refreshToken
    }
  }
`);

const EndSession = graphql(`
  mutation EndSession($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

interface Answer<T> {
  data?: T | null;
  errors?: { extensions?: { code?: unknown } }[];
}

/**
 * The two session calls go straight to /graphql with fetch, not through Apollo Client: the Apollo
 * link refreshes through them, and must not call itself.
 */
export function sessionApi(graphqlUrl: string): { refresh: Exchange; logout: (refreshToken: string) => Promise<void> } {
  async function post<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<Answer<T>> {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as Answer<T>;
    } catch {
      throw new Error(`Unreadable answer (HTTP ${response.status}) to a session call`);
    }
  }

  return {
    async refresh(refreshToken) {
      const answer = await post(RefreshSession, { refreshToken });
      if (answer.data?.refreshToken) return answer.data.refreshToken;
      // Only a refusal ends the session; a rate limit or an outage leaves the token for a later try.
      if (answer.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) return 'ended';
      throw new Error('The session could not be refreshed now');
    },
    async logout(refreshToken) {
      await post(EndSession, { refreshToken });
    },
  };
}
