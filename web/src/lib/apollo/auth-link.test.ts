import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { gql } from '@apollo/client';
import { Observable } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { createAuthLink, type TokenSource } from './auth-link';

const Me = gql`
  query Me {
    me {
      id
    }
  }
`;

const refusal = (reason: string) => {
  const body = JSON.stringify({ errors: [{ message: 'refused', extensions: { code: 'UNAUTHENTICATED', reason } }] });
  return new ServerError('Response not successful', { response: new Response(body, { status: 401 }), bodyText: body });
};

/** A server that answers each request with the next scripted reply, recording the Authorization it got. */
function scriptedServer(replies: ((auth: string | undefined) => unknown)[]) {
  const seen: (string | undefined)[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const auth = (operation.getContext().headers as Record<string, string> | undefined)?.authorization;
        seen.push(auth);
        const reply = replies[seen.length - 1]!(auth);
        if (reply instanceof Error) observer.error(reply);
        else {
          observer.next(reply as ApolloLink.Result);
          observer.complete();
        }
      }),
  );
  return { link, seen };
}

function clientWith(session: TokenSource, server: ReturnType<typeof scriptedServer>) {
  return new ApolloClient({ link: ApolloLink.from([createAuthLink(session), server.link]), cache: new InMemoryCache() });
}

const me = { data: { me: { __typename: 'User', id: 'u1' } } };

describe('createAuthLink', () => {
  it('sends the session’s access token as a bearer token', async () => {
    const server = scriptedServer([() => me]);
    const session = { accessToken: vi.fn(async () => 'at-1'), refresh: vi.fn() };
    await clientWith(session, server).query({ query: Me });
    expect(server.seen).toEqual(['Bearer at-1']);
  });

  it('sends no Authorization header when signed out', async () => {
    const server = scriptedServer([() => ({ data: { me: null } })]);
    await clientWith({ accessToken: async () => undefined, refresh: vi.fn() }, server).query({ query: Me });
    expect(server.seen).toEqual([undefined]);
  });

  it('refreshes once on TOKEN_EXPIRED (the router’s 401) and sends again with the new token', async () => {
    const server = scriptedServer([() => refusal('TOKEN_EXPIRED'), () => me]);
    const session = { accessToken: async () => 'at-old', refresh: vi.fn(async () => 'at-new') };
    const result = await clientWith(session, server).query({ query: Me });
    expect(result.data).toEqual(me.data);
    expect(session.refresh).toHaveBeenCalledExactlyOnceWith('at-old');
    expect(server.seen).toEqual(['Bearer at-old', 'Bearer at-new']);
  });

  it('refreshes on TOKEN_EXPIRED in a result’s errors too (said by a subgraph)', async () => {
    const expired = { data: null, errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' } }] };
    const server = scriptedServer([() => expired, () => me]);
    const session = { accessToken: async () => 'at-old', refresh: vi.fn(async () => 'at-new') };
    await clientWith(session, server).query({ query: Me });
    expect(server.seen).toEqual(['Bearer at-old', 'Bearer at-new']);
  });

  it('tries only once: a second refusal reaches the caller', async () => {
    const server = scriptedServer([() => refusal('TOKEN_EXPIRED'), () => refusal('TOKEN_EXPIRED')]);
    const session = { accessToken: async () => 'at-old', refresh: vi.fn(async () => 'at-new') };
    await expect(clientWith(session, server).query({ query: Me })).rejects.toBeInstanceOf(ServerError);
    expect(session.refresh).toHaveBeenCalledTimes(1);
  });

  it('passes the refusal on when the session has ended, and other errors untouched', async () => {
    const ended = scriptedServer([() => refusal('TOKEN_EXPIRED')]);
    await expect(
      clientWith({ accessToken: async () => 'at-old', refresh: async () => undefined }, ended).query({ query: Me }),
    ).rejects.toBeInstanceOf(ServerError);
    const refresh = vi.fn();
    const credentials = scriptedServer([() => refusal('INVALID_CREDENTIALS')]);
    await expect(clientWith({ accessToken: async () => 'at', refresh }, credentials).query({ query: Me })).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(refresh).not.toHaveBeenCalled();
  });
});
