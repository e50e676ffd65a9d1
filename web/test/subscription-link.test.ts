import type { AddressInfo } from 'node:net';
import { ApolloClient, ApolloLink, InMemoryCache, gql } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSubscriptionTransport } from '../src/lib/apollo/subscription-link';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Subscription { tick: Int! }
`);

const Tick = gql`
  subscription Tick {
    tick
  }
`;

/**
 * A graphql-ws server that behaves as the router does: `connection_init` must carry an accepted
 * token (else the socket closes with 4401), and a socket whose token "expires" is closed with 4401
 * after its first item.
 */
async function startServer(options: { accepted: Set<string>; expiring: Set<string> }) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const connections: string[] = [];
  let ticks = 0;
  useServer(
    {
      schema,
      roots: {
        subscription: {
          tick: async function* (_args: unknown, context: { socket: WebSocket; token: string }) {
            ticks += 1;
            yield { tick: ticks };
            if (options.expiring.has(context.token)) setTimeout(() => context.socket.close(4401, 'Unauthorized: token expired'), 10);
            await new Promise(() => undefined); // stays open until the socket closes
          },
        },
      },
      onConnect: (ctx) => {
        const token = String(ctx.connectionParams?.authorization ?? '');
        connections.push(token);
        if (!options.accepted.has(token)) {
          ctx.extra.socket.close(4401, 'Unauthorized');
          return false;
        }
        return true;
      },
      context: (ctx) => ({ socket: ctx.extra.socket, token: String(ctx.connectionParams?.authorization ?? '') }),
    },
    wss,
  );
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/graphql`;
  return { url, connections, close: () => new Promise<void>((resolve) => wss.close(() => resolve())) };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function subscribeWith(
  session: { accessToken: () => Promise<string | undefined>; refresh: (stale?: string) => Promise<string | undefined> },
  url: string,
) {
  const transport = createSubscriptionTransport(url, session);
  const client = new ApolloClient({ link: ApolloLink.from([transport.link]), cache: new InMemoryCache() });
  const values: number[] = [];
  const errors: unknown[] = [];
  const subscription = client.subscribe({ query: Tick }).subscribe({
    // Apollo Client 4 delivers a subscription's error as a result with `error`, then completes.
    next: (result) => (result.error ? errors.push(result.error) : values.push((result.data as { tick: number } | undefined)?.tick ?? -1)),
    error: (error) => errors.push(error),
  });
  cleanup.push(async () => {
    subscription.unsubscribe();
    await transport.client.dispose();
  });
  return { values, errors };
}

describe('createSubscriptionTransport', () => {
  it('sends the session’s token in connection_init, and after a 4401 refreshes once and subscribes again', async () => {
    const server = await startServer({ accepted: new Set(['Bearer at-1', 'Bearer at-2']), expiring: new Set(['Bearer at-1']) });
    cleanup.push(server.close);
    let token = 'at-1';
    const session = {
      accessToken: async () => token,
      refresh: vi.fn(async () => {
        token = 'at-2';
        return token;
      }),
    };

    const { values, errors } = await subscribeWith(session, server.url);

    await vi.waitFor(() => expect(values).toEqual([1, 2]), { timeout: 5_000 });
    expect(session.refresh).toHaveBeenCalledExactlyOnceWith('at-1');
    expect(server.connections).toEqual(['Bearer at-1', 'Bearer at-2']);
    expect(errors).toEqual([]);
  });

  it('gives up with "session ended" when the new token is refused as well', async () => {
    const server = await startServer({ accepted: new Set(['Bearer at-1']), expiring: new Set(['Bearer at-1']) });
    cleanup.push(server.close);
    let token = 'at-1';
    const session = {
      accessToken: async () => token,
      refresh: vi.fn(async () => {
        token = 'at-refused';
        return token;
      }),
    };

    const { values, errors } = await subscribeWith(session, server.url);

    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 5_000 });
    expect(values).toEqual([1]);
    expect(CombinedGraphQLErrors.is(errors[0])).toBe(true);
    expect((errors[0] as CombinedGraphQLErrors).errors[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
  });

  it('ends the subscription with "session ended" when the session cannot be refreshed', async () => {
    const server = await startServer({ accepted: new Set(['Bearer at-1']), expiring: new Set(['Bearer at-1']) });
    cleanup.push(server.close);
    const session = { accessToken: async () => 'at-1', refresh: vi.fn(async () => undefined) };

    const { errors } = await subscribeWith(session, server.url);

    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 5_000 });
    expect((errors[0] as CombinedGraphQLErrors).errors[0]?.extensions).toMatchObject({ reason: 'SESSION_ENDED' });
  });
});
