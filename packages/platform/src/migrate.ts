/** `npm run migrate`: see migrate-command.ts. Exits 1 naming every bad variable, or what failed. */
import { exitOnConfigError } from '@sbor/core';
import { runScript } from '../../../infra/lib/log.js';
import { migrateCommand } from './migrate-command.js';

runScript(async () => {
  const lines = await migrateCommand(process.env).catch(exitOnConfigError);
  console.log(lines.join('\n'));
});
