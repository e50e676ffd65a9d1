import type { AddressInfo } from 'node:net';
import { ApolloClient, gql, InMemoryCache } from '@apollo/client';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
// graphql-ws's server, not a React hook: renamed so the hooks rule does not take it for one.
import { useServer as serveGraphqlWs } from 'graphql-ws/use/ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import type { TokenSource } from './auth-link';
import { createSubscriptionTransport } from './subscription-link';

const Greeting = gql`
  subscription Greeting {
    greeting
  }
`;

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      greeting: {
        type: GraphQLString,
        subscribe: async function* () {
          yield { greeting: 'hello' };
        },
      },
    },
  }),
});

/** A router stand-in: each `connection_init` gets the next scripted close code, or is accepted once they run out. */
async function scriptedRouter(closes: { code: number; reason: string }[]) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const tokens: (string | undefined)[] = [];
  const server = serveGraphqlWs(
    {
      schema,
      onConnect: (ctx) => {
        tokens.push(ctx.connectionParams?.authorization as string | undefined);
        const close = closes.shift();
        if (!close) return true;
        ctx.extra.socket.close(close.code, close.reason);
        return false;
      },
    },
    wss,
  );
  await new Promise((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}/graphql`, tokens, close: () => server.dispose() };
}

const keysUnavailable = { code: 4503, reason: 'Sign-in keys are unavailable; try again shortly' };
const unauthorized = { code: 4401, reason: 'Unauthorized: token expired' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Subscribes through the link and waits for the first result, or the error that ends it. */
async function firstGreeting(url: string, session: TokenSource, backoffMs: [number, number] = [20, 100]) {
  const transport = createSubscriptionTransport(url, session, backoffMs);
  cleanups.push(() => transport.client.dispose());
  const client = new ApolloClient({ link: transport.link, cache: new InMemoryCache() });
  return new Promise<unknown>((resolve, reject) => {
    const subscription = client.subscribe({ query: Greeting }).subscribe({
      next: (result) => {
        subscription.unsubscribe();
        if (result.error) reject(result.error);
        else resolve(result.data);
      },
      error: reject,
    });
  });
}

describe('createSubscriptionTransport', () => {
  it('reconnects with the same token after 4503 (keys unavailable), with backoff, and never refreshes or ends the session', async () => {
    const router = await scriptedRouter([keysUnavailable, keysUnavailable]);
    cleanups.push(router.close);
    const session = { accessToken: vi.fn(async () => 'at-1'), refresh: vi.fn(async () => 'at-2') };

    const started = Date.now();
    expect(await firstGreeting(router.url, session, [100, 1_000])).toEqual({ greeting: 'hello' });

    expect(router.tokens).toEqual(['Bearer at-1', 'Bearer at-1', 'Bearer at-1']);
    // At least half of 100 ms, then of 200 ms: the jittered waits, doubling.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(session.refresh).not.toHaveBeenCalled();
  });

  it('refreshes the session after 4401 and subscribes again with the new token', async () => {
    const router = await scriptedRouter([unauthorized]);
    cleanups.push(router.close);
    const session = { accessToken: vi.fn(async () => 'at-1'), refresh: vi.fn(async () => 'at-2') };
    session.refresh.mockImplementation(async () => {
      session.accessToken.mockResolvedValue('at-2');
      return 'at-2';
    });

    expect(await firstGreeting(router.url, session)).toEqual({ greeting: 'hello' });

    expect(session.refresh).toHaveBeenCalledExactlyOnceWith('at-1');
    expect(router.tokens).toEqual(['Bearer at-1', 'Bearer at-2']);
  });

  it('ends the session on a second 4401 in a row', async () => {
    const router = await scriptedRouter([unauthorized, unauthorized]);
    cleanups.push(router.close);
    const session = { accessToken: vi.fn(async () => 'at-1'), refresh: vi.fn(async () => 'at-2') };

    await expect(firstGreeting(router.url, session)).rejects.toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' } }],
    });
  });
});
