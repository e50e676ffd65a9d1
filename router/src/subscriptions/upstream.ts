import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
// Not Node's built-in WebSocket (undici): measured with `npm run bench -- --only idle-sockets`, an
// idle subscription held 64–66 KiB of router heap with it against 36 KiB with `ws` (Node 24.21).
// Clients elsewhere (tests, bench) use the built-in one.
import WebSocket from 'ws';
import { HeaderNames } from '@sbor/core';

/** The subgraph's graphql-ws endpoint: same host, port and path as its HTTP one. */
export function webSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * One upstream socket per client socket, carrying that client's token, so the subgraph checks
 * identity itself. It reconnects with backoff, so live delivery resumes after the subgraph restarts.
 */
export function connectUpstream(httpUrl: string, authorization: string, routerSecret: string | undefined): Client {
  return createClient({
    url: webSocketUrl(httpUrl),
    webSocketImpl: WebSocket,
    lazy: true,
    lazyCloseTimeout: 0,
    retryAttempts: 1_000,
    retryWait: async (retries) => {
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** retries, 5_000)));
    },
    // Closing with 4401/4403 means the subgraph refused us; retrying would only be refused again.
    shouldRetry: (event) =>
      !(typeof event === 'object' && event !== null && 'code' in event && [4401, 4403, 4400].includes((event as { code: number }).code)),
    connectionParams: { [HeaderNames.routerSecret]: routerSecret ?? '', authorization },
  });
}

/**
 * Streams one subscription from an upstream client as an async iterable of its results. When the
 * subgraph refuses the operation (a graphql-ws `error` message), iterating throws its errors array.
 */
export function streamFrom<T>(client: Client, request: SubscribePayload): AsyncIterableIterator<T> & { dispose: () => void } {
  const iterator = client.iterate<T>(request) as AsyncIterableIterator<T>;
  return Object.assign(iterator, { dispose: () => void iterator.return?.() });
}
