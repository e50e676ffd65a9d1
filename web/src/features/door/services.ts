import { createFetchSession } from '@/lib/session/fetch-session';
import type { Session } from '@/lib/session/session';
import { apiUrls, createDoorApi, type DoorApi } from './api/client';
import { checkInSender } from './api/check-in-ticket';
import type { DoorEvent } from './api/my-events';
import { ticketListsApi } from './api/ticket-lists';
import { createCheckInQueue, type CheckInQueue } from './offline/check-in-queue';
import { openDoorStorage } from './offline/storage';
import { createTicketLists, type TicketLists } from './offline/ticket-lists';

/** Everything the door's screens use, made once per page. */
export interface DoorServices {
  session: Session;
  api: DoorApi;
  lists: TicketLists;
  queue: CheckInQueue;
}

/** While the device has no connection, a stored session is retried this often (not the shop's 30 s). */
const RESTORE_RETRY_MS = [1_000, 2_000, 5_000];

export async function createDoorServices(): Promise<DoorServices> {
  const urls = apiUrls();
  const session = createFetchSession(urls.graphql, { retryDelaysMs: RESTORE_RETRY_MS });
  const api = createDoorApi({ graphqlUrl: urls.graphql, session });
  const storage = await openDoorStorage();
  const lists = createTicketLists({ storage, ...ticketListsApi(urls.keys, api) });
  const queue = createCheckInQueue({ storage, send: checkInSender(api) });
  await queue.load();
  return { session, api, lists, queue };
}

/**
 * The event the door admits to, kept in localStorage (small, read before the first paint): with it
 * the door opens on the scanner even offline, before the session is back.
 */
const EVENT_KEY = 'sbor.door.event';

export function storedEvent(): DoorEvent | undefined {
  try {
    const text = localStorage.getItem(EVENT_KEY);
    return text ? (JSON.parse(text) as DoorEvent) : undefined;
  } catch {
    return undefined;
  }
}

export function storeEvent(event: DoorEvent | undefined) {
  try {
    if (event) localStorage.setItem(EVENT_KEY, JSON.stringify(event));
    else localStorage.removeItem(EVENT_KEY);
  } catch {
    // not kept: the door asks for the event again after a reload
  }
}
