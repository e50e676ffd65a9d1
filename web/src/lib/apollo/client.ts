import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { OperationTypeNode } from 'graphql';
import { createAuthLink, type TokenSource } from './auth-link';
import { createSubscriptionTransport } from './subscription-link';

export interface ApiEndpoints {
  /** e.g. `/graphql` (same origin) or `https://api.example.com/graphql` */
  http: string;
  /** e.g. `ws://127.0.0.1:8000/graphql` */
  ws: string;
}

/** Where the API is: the page's own origin, unless `VITE_SBOR_API` names another (served with CORS). */
export function apiEndpoints(configured: string | undefined = import.meta.env.VITE_SBOR_API): ApiEndpoints {
  const http = new URL(configured || '/graphql', window.location.href);
  const ws = new URL(http);
  ws.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
  return { http: http.href, ws: ws.href };
}

/**
 * The one Apollo Client: queries and mutations over HTTP with the session's token, subscriptions
 * over graphql-ws. Its cache is the app's state for server data.
 */
export function createApolloClient(endpoints: ApiEndpoints, session: TokenSource) {
  const subscriptions = createSubscriptionTransport(endpoints.ws, session);
  const http = ApolloLink.from([createAuthLink(session), new HttpLink({ uri: endpoints.http })]);
  const client = new ApolloClient({
    link: ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, subscriptions.link, http),
    cache: new InMemoryCache(),
  });
  return { client, subscriptions: subscriptions.client };
}
