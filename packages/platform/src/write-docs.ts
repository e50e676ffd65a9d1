/** `npm run docs`: regenerates README.md's configuration table from the zod config schemas. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withConfigurationTable } from './config-docs.js';

const readme = new URL('../../../README.md', import.meta.url);
const before = readFileSync(readme, 'utf8');
const after = withConfigurationTable(before);
writeFileSync(readme, after);
process.stdout.write(
  before === after ? 'README.md: the configuration table was already current.\n' : 'README.md: configuration table regenerated.\n',
);
