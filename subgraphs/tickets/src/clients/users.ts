/**
 * The tickets service's reads of the users service: who an email belongs to (naming door staff)
 * and the display names an export prints. `POST /internal/users/…` behind the router secret (see
 * users/src/http/internal-users.ts). Bounded by a timeout; no answer is SERVICE_UNAVAILABLE, never a hang.
 */
import { z } from 'zod';
import { AppError, ErrorCode, HeaderNames } from '@sbor/core';

const userSchema = z.object({ id: z.string(), displayName: z.string() });
const namesSchema = z.object({ users: z.array(userSchema) });

export type DirectoryUser = z.infer<typeof userSchema>;

/** How many ids one names request may carry (the users service's limit). */
export const NAMES_PER_REQUEST = 1000;

export interface UsersClient {
  /** The account with this email (case ignored), or null when nobody registered it. */
  byEmail(email: string): Promise<DirectoryUser | null>;
  /** Display names by user id; unknown ids are absent. */
  displayNames(ids: readonly string[]): Promise<Map<string, string>>;
}

export interface UsersClientOptions {
  baseUrl: string;
  routerSecret: string;
  timeoutMs: number;
}

const unavailable = () =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The users service did not answer in time; nothing was changed. Try again.');

export function createUsersClient(options: UsersClientOptions): UsersClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  async function post(path: string, body: unknown): Promise<unknown> {
    try {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { [HeaderNames.routerSecret]: options.routerSecret, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw unavailable();
      }
      return await response.json();
    } catch (error) {
      // Timeouts, refused connections and garbled answers all mean the same to the caller.
      if (error instanceof AppError) throw error;
      throw unavailable();
    }
  }
  return {
    async byEmail(email) {
      const answer = await post('/internal/users/by-email', { email });
      if (answer === null) return null;
      const parsed = userSchema.safeParse(answer);
      if (!parsed.success) throw unavailable();
      return parsed.data;
    },
    async displayNames(ids) {
      const names = new Map<string, string>();
      const unique = [...new Set(ids)];
      for (let start = 0; start < unique.length; start += NAMES_PER_REQUEST) {
        const parsed = namesSchema.safeParse(await post('/internal/users/names', { ids: unique.slice(start, start + NAMES_PER_REQUEST) }));
        if (!parsed.success) throw unavailable();
        for (const user of parsed.data.users) names.set(user.id, user.displayName);
      }
      return names;
    },
  };
}
