/**
 * The notifications service's read of the tickets service: the tickets an email shows. Facts carry
 * ticket ids only (a code admits whoever holds it, and anyone who can read a topic would hold it),
 * so the delivery worker asks `POST /internal/tickets/for-email` behind the router secret at send
 * time (tickets/src/http/internal-tickets.ts). Bounded by a timeout; no answer is
 * SERVICE_UNAVAILABLE, and the delivery is retried later, never sent without its tickets.
 */
import { z } from 'zod';
import { AppError, ErrorCode, HeaderNames } from '@sbor/core';

const ticketSchema = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(['ACTIVE', 'USED', 'CANCELLED']),
  ticketTypeName: z.string(),
  attendeeName: z.string().nullable(),
});
const answerSchema = z.object({ tickets: z.array(ticketSchema) });

export type EmailTicket = z.infer<typeof ticketSchema>;

export interface TicketsClient {
  /** The named tickets and the rest of their orders, only those `userId` owns. */
  forEmail(userId: string, ticketIds: readonly string[]): Promise<EmailTicket[]>;
}

export interface InternalClientOptions {
  baseUrl: string;
  routerSecret: string;
  timeoutMs: number;
}

const unavailable = () => new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The tickets service did not answer in time.');

export function createTicketsClient(options: InternalClientOptions): TicketsClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async forEmail(userId, ticketIds) {
      try {
        const response = await fetch(`${base}/internal/tickets/for-email`, {
          method: 'POST',
          headers: { [HeaderNames.routerSecret]: options.routerSecret, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ userId, ticketIds }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (!response.ok) {
          await response.body?.cancel();
          throw unavailable();
        }
        const parsed = answerSchema.safeParse(await response.json());
        if (!parsed.success) throw unavailable();
        return parsed.data.tickets;
      } catch (error) {
        // Timeouts, refused connections and garbled answers all mean "try this send again later".
        if (error instanceof AppError) throw error;
        throw unavailable();
      }
    },
  };
}
