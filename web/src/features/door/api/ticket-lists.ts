import type { PublicQrKey } from '../offline/ticket-code';
import type { TicketListsDeps } from '../offline/ticket-lists';
import type { DoorApi } from './client';
import { revokedTickets } from './revoked-tickets';

/**
 * Where a door device gets the lists it caches: the QR public keys, public at `keysUrl`
 * (subgraphs/tickets/src/http/routes.ts, relayed by the router), and the event's revocation list,
 * read page by page through GraphQL with the signed-in user's session. Both throw when there is no
 * usable answer; the device then keeps what it had.
 */
export function ticketListsApi(keysUrl: string, api: DoorApi): Pick<TicketListsDeps, 'fetchKeys' | 'fetchRevocations'> {
  return {
    async fetchKeys() {
      const response = await fetch(keysUrl, {
        headers: { accept: 'application/json' },
        cache: 'no-store',
        signal: AbortSignal.timeout(20_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${keysUrl}`);
      return ((await response.json()) as { keys: PublicQrKey[] }).keys;
    },
    fetchRevocations: (eventId, after) => revokedTickets(api, eventId, after),
  };
}
