import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestPlatform } from '@sbor/platform';

export const PASSWORD = 'correct horse battery';
const HOUR = 60 * 60 * 1000;
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

export interface Actor {
  id: string;
  token: string;
}

/** Calls through the router the way a frontend would, with the assertions every e2e test repeats. */
export function actorsOn(platform: TestPlatform) {
  /** Runs one operation that must succeed and returns its single root field. */
  async function ok<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const res = await platform.gql<Record<string, T>>(query, variables, { token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data!)[0]!;
  }

  /** Runs one operation that must fail; returns the first error's extensions and message. */
  async function errorOf(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const res = await platform.gql(query, variables, { token });
    expect(res.errors, `expected an error, got ${JSON.stringify(res.data)}`).toBeDefined();
    expect(JSON.stringify(res.errors)).not.toMatch(/\n\s+at |\.ts:\d|stacktrace/);
    return { ...res.errors![0]!.extensions, message: res.errors![0]!.message } as Record<string, unknown> & {
      code: string;
      message: string;
    };
  }

  async function signUp(displayName: string, asOrganizer = false): Promise<Actor> {
    const email = `${displayName.toLowerCase().replace(/\W/g, '')}.${randomUUID().slice(0, 8)}@example.com`;
    const session = await ok<{ accessToken: string; user: { id: string } }>(
      'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }',
      { i: { email, password: PASSWORD, displayName } },
    );
    if (!asOrganizer) return { id: session.user.id, token: session.accessToken };
    const upgraded = await ok<{ accessToken: string }>('mutation { becomeOrganizer { accessToken } }', {}, session.accessToken);
    return { id: session.user.id, token: upgraded.accessToken };
  }

  /** A published event starting in `startsInHours`, lasting three hours. */
  async function publishedEvent(organizer: Actor, title = 'Jazz Night', startsInHours = 48): Promise<{ id: string; title: string }> {
    const draft = await ok<{ id: string }>(
      'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }',
      {
        i: {
          title,
          description: 'Quartets until late.',
          venue: 'Blue Hall',
          startsAt: inHours(startsInHours),
          endsAt: inHours(startsInHours + 3),
        },
      },
      organizer.token,
    );
    await ok('mutation ($id: ID!) { publishEvent(id: $id) { id } }', { id: draft.id }, organizer.token);
    return { id: draft.id, title };
  }

  /** Polls until `check` passes: for effects that travel over the bus. */
  async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return { ok, errorOf, signUp, publishedEvent, eventually };
}
