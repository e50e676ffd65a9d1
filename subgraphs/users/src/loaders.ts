import DataLoader from 'dataloader';
import type { Account, Accounts } from './domain/accounts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Per request: the router sends one representation per referencing object, duplicates included
 * (20 events by one organizer = 20 copies of one id); this reads them with one query.
 */
export function createUserLoader(accounts: Accounts) {
  return new DataLoader<string, Account | null>(async (ids) => {
    const found = await accounts.byIds(ids.filter((id) => UUID.test(id)));
    return ids.map((id) => found.get(id) ?? null);
  });
}
