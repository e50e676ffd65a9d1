import type { RequestBase } from '@sbor/kit';
import type { Accounts } from './domain/accounts.js';
import type { createUserLoader } from './loaders.js';

export interface UsersContext extends RequestBase {
  accounts: Accounts;
  /** Per request, so batching never mixes two viewers' answers. */
  userLoader: ReturnType<typeof createUserLoader>;
}
