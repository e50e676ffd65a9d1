import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  allowedAddresses,
  EndpointNotAllowed,
  guardedLookup,
  PUBLIC_INTERNET,
  pushEndpointAllowed,
  type PushNetwork,
} from './push-network.js';

/** The public policy with a resolver that answers from a table (no DNS in unit tests). */
const network = (names: Record<string, string[]>): PushNetwork => ({
  ...PUBLIC_INTERNET,
  resolve: (hostname) => {
    const addresses = names[hostname];
    if (!addresses) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  },
});

const lookup = (net: PushNetwork, hostname: string, options: { all?: boolean; family?: number }) =>
  new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
    guardedLookup(net)(hostname, options, (error, address, family) => resolve({ error, address, family })),
  );

describe('allowedAddresses', () => {
  const dns = network({
    'fcm.example': ['142.250.74.106', '2a00:1450:4001:80e::200a'],
    'metadata.example': ['169.254.169.254'],
    'split.example': ['142.250.74.106', '10.0.0.5'],
    'mapped.example': ['::ffff:127.0.0.1'],
  });

  it('gives every address of a name whose addresses are all public', async () => {
    expect((await allowedAddresses('fcm.example', dns)).map((a) => a.address)).toEqual(['142.250.74.106', '2a00:1450:4001:80e::200a']);
  });

  it('refuses a name if any one of its addresses is not public', async () => {
    for (const name of ['metadata.example', 'split.example', 'mapped.example']) {
      await expect(allowedAddresses(name, dns), name).rejects.toBeInstanceOf(EndpointNotAllowed);
    }
  });

  it('checks an IP literal itself, without resolving', async () => {
    await expect(allowedAddresses('127.0.0.1', dns)).rejects.toBeInstanceOf(EndpointNotAllowed);
    await expect(allowedAddresses('::1', dns)).rejects.toBeInstanceOf(EndpointNotAllowed);
    expect(await allowedAddresses('8.8.8.8', dns)).toEqual([{ address: '8.8.8.8', family: 4 }]);
  });

  it('refuses a name that resolves to nothing', async () => {
    await expect(allowedAddresses('empty.example', network({ 'empty.example': [] }))).rejects.toBeInstanceOf(EndpointNotAllowed);
  });
});

describe('guardedLookup (what the push agent connects to)', () => {
  const dns = network({ 'fcm.example': ['142.250.74.106', '2a00:1450:4001:80e::200a'], 'internal.example': ['192.168.1.10'] });

  it('hands the socket exactly the checked addresses, all of them or the first of a family', async () => {
    expect((await lookup(dns, 'fcm.example', { all: true })).address).toEqual([
      { address: '142.250.74.106', family: 4 },
      { address: '2a00:1450:4001:80e::200a', family: 6 },
    ]);
    expect(await lookup(dns, 'fcm.example', {})).toMatchObject({ error: null, address: '142.250.74.106', family: 4 });
    expect(await lookup(dns, 'fcm.example', { family: 6 })).toMatchObject({ error: null, address: '2a00:1450:4001:80e::200a', family: 6 });
  });

  it('fails the connection for a name on a private address', async () => {
    expect((await lookup(dns, 'internal.example', { all: true })).error).toBeInstanceOf(EndpointNotAllowed);
  });

  it('passes a resolver failure on', async () => {
    expect((await lookup(dns, 'nowhere.example', {})).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('pushEndpointAllowed (at registration)', () => {
  const dns = network({ 'fcm.example': ['142.250.74.106'], 'rebind.example': ['127.0.0.1'] });

  it('refuses an endpoint on, or resolving to, a non-public address', async () => {
    const refused = [
      'https://127.0.0.1/push',
      'https://[::1]:8443/push',
      'https://[::ffff:127.0.0.1]/push',
      'https://169.254.169.254/latest/meta-data',
      'https://0x7f.1/push', // the URL parser makes it 127.0.0.1
      'https://rebind.example/push',
    ];
    for (const endpoint of refused) expect(await pushEndpointAllowed(endpoint, dns), endpoint).toBe(false);
  });

  it('allows a public endpoint, and one whose name does not resolve yet (every send checks again)', async () => {
    expect(await pushEndpointAllowed('https://fcm.example/fcm/send/abc', dns)).toBe(true);
    expect(await pushEndpointAllowed('https://nowhere.example/x', dns)).toBe(true);
    const hanging: PushNetwork = { ...PUBLIC_INTERNET, resolve: () => new Promise(() => {}) };
    expect(await pushEndpointAllowed('https://slow.example/x', hanging, 20)).toBe(true);
  });
});
