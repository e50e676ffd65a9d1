import type { BaseContext, Logger } from '@sbor/core';
import type { Accounts } from './domain/accounts.js';

export interface UsersContext extends BaseContext {
  logger: Logger;
  accounts: Accounts;
}
