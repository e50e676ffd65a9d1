/** `npm run keys`: see keys-command.ts. */
import { KeyCommandError, keysCommand } from './keys-command.js';

keysCommand(process.argv.slice(2), process.env).then(
  (lines) => console.log(lines.join('\n')),
  (error: unknown) => {
    console.error(error instanceof KeyCommandError ? error.message : error);
    process.exitCode = 1;
  },
);
