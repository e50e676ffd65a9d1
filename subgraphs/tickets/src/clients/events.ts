/**
 * The one synchronous call this service makes: asking the events service about an event before
 * selling for it or adding a ticket type. Bounded by a timeout; no answer means the caller fails
 * fast with SERVICE_UNAVAILABLE and sells nothing, rather than hanging a buyer's request.
 */
import { z } from 'zod';
import { AppError, ErrorCode, HeaderNames } from '@sbor/core';

export const EventStatuses = ['DRAFT', 'PUBLISHED', 'CANCELLED', 'COMPLETED'] as const;

const eventInfoSchema = z.object({
  id: z.string(),
  organizerId: z.string(),
  status: z.enum(EventStatuses),
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date(),
  title: z.string(),
  venue: z.string(),
});

/** What tickets needs to know about an event, as `GET /internal/events/:id` answers. */
export type EventInfo = z.infer<typeof eventInfoSchema>;

export interface EventsClient {
  /** The event, or null when the events service does not know it. */
  getEvent(id: string): Promise<EventInfo | null>;
}

export interface EventsClientOptions {
  baseUrl: string;
  routerSecret: string;
  timeoutMs: number;
}

const unavailable = () =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The events service did not answer in time; nothing was sold. Try again.');

export function createEventsClient(options: EventsClientOptions): EventsClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  async function fetchEvent(id: string): Promise<EventInfo | null> {
    let response: Response;
    try {
      response = await fetch(`${base}/internal/events/${encodeURIComponent(id)}`, {
        headers: { [HeaderNames.routerSecret]: options.routerSecret, accept: 'application/json' },
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
      const parsed = eventInfoSchema.safeParse(await response.json());
      if (!parsed.success) throw unavailable();
      return parsed.data;
    } catch (error) {
      // Timeouts, refused connections and garbled answers all mean the same to a buyer.
      if (error instanceof AppError) throw error;
      throw unavailable();
    }
  }
  // Buyers of one event in the same instant (a sale opening) share one question to the events
  // service. Only requests in flight are shared, nothing is kept: each answer is as fresh as a
  // request of one's own sent at that moment.
  const inflight = new Map<string, Promise<EventInfo | null>>();
  return {
    getEvent(id) {
      let answer = inflight.get(id);
      if (!answer) {
        answer = fetchEvent(id).finally(() => inflight.delete(id));
        inflight.set(id, answer);
      }
      return answer;
    },
  };
}
