import DataLoader from 'dataloader';
import { isUuid } from '@sbor/core';
import type { Account, Accounts } from './domain/accounts.js';

/**
 * Per request: the router sends one representation per referencing object, duplicates included
 * (20 events by one organizer = 20 copies of one id); this reads them with one query.
 */
export function createUserLoader(accounts: Accounts) {
  return new DataLoader<string, Account | null>(async (ids) => {
    const found = await accounts.byIds(ids.filter(isUuid));
    return ids.map((id) => found.get(id) ?? null);
  });
}
