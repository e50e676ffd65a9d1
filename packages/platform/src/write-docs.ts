/** `npm run docs`: regenerates README.md's configuration table and .env.example from the zod config schemas. */
import { readFileSync, writeFileSync } from 'node:fs';
import { envExample, withConfigurationTable } from './config-docs.js';

const regenerate = (file: URL, name: string, generate: (before: string) => string) => {
  const before = readFileSync(file, { encoding: 'utf8', flag: 'a+' });
  const after = generate(before);
  writeFileSync(file, after);
  process.stdout.write(before === after ? `${name}: already current.\n` : `${name}: regenerated.\n`);
};

regenerate(new URL('../../../README.md', import.meta.url), 'README.md configuration table', withConfigurationTable);
regenerate(new URL('../../../.env.example', import.meta.url), '.env.example', () => envExample());
