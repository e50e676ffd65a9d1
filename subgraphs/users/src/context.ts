import type { BaseContext, Logger } from '@sbor/core';
import type { Accounts } from './domain/accounts.js';
import type { createUserLoader } from './loaders.js';

export interface UsersContext extends BaseContext {
  logger: Logger;
  accounts: Accounts;
  userLoader: ReturnType<typeof createUserLoader>;
}
