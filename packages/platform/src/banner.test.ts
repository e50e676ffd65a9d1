import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startBanner } from './banner.js';

const pinned = readFileSync(new URL('../../../.nvmrc', import.meta.url), 'utf8')
  .trim()
  .replace(/^v/, '')
  .split('.')[0];
const facts = { nodeVersion: process.version, routerUrl: 'http://127.0.0.1:8000/graphql', seconds: '0.9', dataDir: '.data' };

describe("npm start's banner", () => {
  it('names the Node it runs on, the pinned major from .nvmrc', () => {
    const first = startBanner({ ...facts, mode: 'embedded' }).split('\n')[0];
    expect(first).toBe(`Sbor is running on Node ${process.version} (embedded mode, started in 0.9 s).`);
    expect(first).toContain(`Node v${pinned}.`);
  });

  it('points to the web app and Apollo Sandbox, and says where embedded data is kept', () => {
    expect(startBanner({ ...facts, mode: 'embedded' })).toContain(
      [
        '  Web app: http://127.0.0.1:8000/',
        '  GraphQL + Apollo Sandbox: http://127.0.0.1:8000/graphql',
        '  Data is kept in .data/ (delete it to start over).',
      ].join('\n'),
    );
    expect(startBanner({ ...facts, mode: 'full' })).not.toContain('Data is kept');
  });
});
