import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { loadRouterConfig } from '../src/config.js';
import { startRouter, type RunningRouter } from '../src/router.js';
import { startTestIssuer, type TestIssuer } from './support/jwks.js';

let issuer: TestIssuer;
let router: RunningRouter;
let wsUrl: string;

beforeAll(async () => {
  issuer = await startTestIssuer();
  const config = loadRouterConfig({ ROUTER_PORT: '0', JWKS_URL: issuer.jwksUrl, ROUTER_SECRET: 'router-secret-for-tests-0123456789' });
  router = await startRouter({ ...config, logger: createLogger('router-ws-test', 'silent') });
  wsUrl = router.url.replace('http://', 'ws://');
});

afterAll(async () => {
  await router?.stop();
  await issuer?.close();
});

/** Opens a raw graphql-transport-ws socket, sends connection_init and reports how it ends. */
function connect(payload: Record<string, unknown>): Promise<{ acked: boolean; closeCode?: number; socket: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.on('message', (raw) => {
      if (JSON.parse(String(raw)).type === 'connection_ack') resolve({ acked: true, socket });
    });
    socket.on('close', (code) => resolve({ acked: false, closeCode: code, socket }));
  });
}

describe('graphql-ws on /graphql', () => {
  it('closes a socket without a token in connection_init with 4401', async () => {
    expect(await connect({})).toMatchObject({ acked: false, closeCode: 4401 });
  });

  it('closes a socket with a forged token with 4401', async () => {
    const { token } = await issuer.sign({ keys: issuer.strangerKeys });
    expect(await connect({ authorization: `Bearer ${token}` })).toMatchObject({ acked: false, closeCode: 4401 });
  });

  it('acknowledges a valid token, then closes with 4401 when it expires', async () => {
    const { token } = await issuer.sign({ expiresIn: '2s' });
    const result = await connect({ authorization: `Bearer ${token}` });
    expect(result.acked).toBe(true);
    const code = await new Promise<number>((resolve) => result.socket.on('close', resolve));
    expect(code).toBe(4401);
  });

  it('applies the same operation limits as HTTP to a subscribe', async () => {
    const { token } = await issuer.sign();
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    // The users schema has no recursive field to go deep with, so exceed the alias limit (same validator).
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ');
    const errors = await new Promise<unknown[]>((resolve) => {
      client.subscribe({ query: `query { ${aliases} }` }, { next: () => {}, error: (e) => resolve(e as unknown[]), complete: () => resolve([]) });
    });
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ reason: 'MAX_ALIASES' }) })]);
    await client.dispose();
  });
});
