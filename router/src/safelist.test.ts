import { describe, expect, it } from 'vitest';
import { loadSafelist, operationHash, safelistOf, safelistStore } from './safelist.js';

const body = 'query Me { me { id } }';
const manifest = (operations: { id: string; name: string; type: string; body: string }[]) => ({
  format: 'apollo-persisted-query-manifest',
  version: 1,
  operations,
});

describe('safelistOf', () => {
  it('reads an Apollo persisted query manifest into text by hash', () => {
    const safelist = safelistOf(manifest([{ id: operationHash(body), name: 'Me', type: 'query', body }]));
    expect([...safelist]).toEqual([[operationHash(body), body]]);
  });

  it('refuses an operation whose id is not the sha256 of its body, so a hash can only ever run the reviewed text', () => {
    const forged = manifest([{ id: operationHash(body), name: 'Me', type: 'query', body: 'mutation { deleteEverything }' }]);
    expect(() => safelistOf(forged)).toThrow(/Me: id is not the sha256 of its body/);
  });

  it('refuses a file in another format', () => {
    expect(() => safelistOf({ [operationHash(body)]: body })).toThrow();
  });
});

describe('safelistStore', () => {
  it('finds registered texts under the prefix Apollo Server asks with, and stores nothing', async () => {
    const store = safelistStore(safelistOf(manifest([{ id: operationHash(body), name: 'Me', type: 'query', body }])));
    expect(await store.get(`apq:${operationHash(body)}`)).toBe(body);
    const other = '{ me { email } }';
    await store.set(`apq:${operationHash(other)}`, other);
    expect(await store.get(`apq:${operationHash(other)}`)).toBeUndefined();
  });
});

describe('loadSafelist', () => {
  it('stops the router on a missing manifest, naming the build that writes the web app’s', async () => {
    await expect(loadSafelist('/nonexistent/persisted-operations.json')).rejects.toThrow(
      /ROUTER_SAFELIST=\/nonexistent\/persisted-operations\.json .*ENOENT.*`npm run build` writes the web app's to web\/dist\/persisted-operations\.json/,
    );
  });
});
