import type { RevocationPage } from '../offline/ticket-lists';
import type { PublicQrKey } from '../offline/ticket-code';

/**
 * The two public lists a door device caches (subgraphs/tickets/src/http/routes.ts, relayed by the
 * router): the QR public keys, and the revocation list read page by page from a cursor. Both throw
 * when there is no usable answer; the device then keeps what it had.
 */
export function ticketListsApi(urls: { keys: string; revocations: string }) {
  async function getJson<T>(url: string): Promise<T> {
    const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store', signal: AbortSignal.timeout(20_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
    return (await response.json()) as T;
  }
  return {
    fetchKeys: async () => (await getJson<{ keys: PublicQrKey[] }>(urls.keys)).keys,
    fetchRevocations: (after: string | null) => {
      const url = new URL(urls.revocations);
      if (after) url.searchParams.set('after', after);
      return getJson<RevocationPage>(url.href);
    },
  };
}
