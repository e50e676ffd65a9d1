import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationHash } from './safelist.js';
import { webOperationsManifest } from './web-operations.js';
import { webSafelistManifest } from './write-safelist.js';

/** The door app's client as it ships: plain fetch, its documents as strings. */
interface DoorApiModule {
  createDoorApi(options: { graphqlUrl: string; session: { accessToken(): Promise<string>; refresh(): Promise<unknown> } }): unknown;
}
type DoorCall = (api: unknown, variables: object) => Promise<unknown>;

/**
 * Loaded at run time rather than imported: their `@/` imports are the web app's path alias, for
 * types only, which this workspace's type check cannot resolve.
 */
const doorModule = async <T>(file: string) =>
  (await import(/* @vite-ignore */ new URL(`../../web/src/features/door/api/${file}`, import.meta.url).href)) as T;

describe('webSafelistManifest', () => {
  const sent: string[] = [];
  let graphqlUrl: string;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      sent.push((JSON.parse(body) as { query: string }).query);
      res.setHeader('content-type', 'application/json').end('{"data":{}}');
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    graphqlUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('registers the very text the door app sends with plain fetch, which Apollo Client never rewrites', async () => {
    const { createDoorApi } = await doorModule<DoorApiModule>('client.ts');
    const { login } = await doorModule<{ login: DoorCall }>('login.ts');
    const { validateTicket } = await doorModule<{ validateTicket: DoorCall }>('validate-ticket.ts');
    const api = createDoorApi({ graphqlUrl, session: { accessToken: async () => 'token', refresh: async () => undefined } });
    await login(api, { email: 'door@example.com', password: 'secret' });
    await validateTicket(api, { code: 'C', eventId: 'e1' });

    const ids = new Set(webSafelistManifest().operations.map((operation) => operation.id));
    expect(sent).toHaveLength(2);
    for (const text of sent) expect(ids, text).toContain(operationHash(text));
  });

  it('keeps Apollo Client’s text for the documents Apollo Client sends, each operation once', () => {
    const { operations } = webSafelistManifest();
    const apollo = webOperationsManifest().operations;
    expect(operations.map((o) => o.name)).toEqual(apollo.map((o) => o.name));
    expect(operations.find((o) => o.name === 'Me')).toEqual(apollo.find((o) => o.name === 'Me'));
    for (const operation of operations) expect(operation.id).toBe(operationHash(operation.body));
  });

  describe('refuses to write a manifest that would leave out what the app sends', () => {
    let src: string;
    beforeAll(() => (src = mkdtempSync(path.join(tmpdir(), 'sbor-web-src-'))));
    afterAll(() => rmSync(src, { recursive: true, force: true }));

    it('a plain text codegen has not seen yet', () => {
      writeFileSync(path.join(src, 'new.ts'), 'export const q = /* GraphQL */ `query NotGenerated { me { id } }`;\n');
      expect(() => webSafelistManifest(src)).toThrow(/NotGenerated.*npm run codegen -w web/);
    });

    it('a plain text built at run time', () => {
      writeFileSync(path.join(src, 'new.ts'), 'export const q = (f: string) => /* GraphQL */ `query Me { me { ${f} } }`;\n');
      expect(() => webSafelistManifest(src)).toThrow(/cannot be registered ahead of time/);
    });
  });
});
