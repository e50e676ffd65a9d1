import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { isPublicAddress } from './public-address.js';

/** Which addresses the service may open a connection to for a push. */
export type AddressPolicy = (address: string) => boolean;

/** Every address a host name stands for, as the operating system resolves it (hosts file included). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

/**
 * Where push requests may go. Production uses `PUBLIC_INTERNET` and nothing else: no setting
 * widens it. Tests construct the subgraph with their own (loopback allowed, a resolver that
 * rebinds, their own CA), in code, and the subgraph refuses one in production.
 */
export interface PushNetwork {
  allows: AddressPolicy;
  resolve: Resolve;
  /** CA certificates to trust instead of the system's: a test's self-signed push service. */
  ca?: string;
}

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => {
    lookup(hostname, { all: true, order: 'verbatim' }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

export const PUBLIC_INTERNET: PushNetwork = Object.freeze({ allows: isPublicAddress, resolve: systemResolve });

/** The host of a URL as a socket wants it: an IPv6 literal without its brackets. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

export class EndpointNotAllowed extends Error {
  constructor(host: string, refused: string[]) {
    super(`push endpoint host ${host} is not a public address (${refused.join(', ') || 'no address'})`);
    this.name = 'EndpointNotAllowed';
  }
}

/**
 * What `host` stands for, if every address is allowed. All of them are checked, not just the
 * first: a name that answers one public and one private address is refused outright.
 */
export async function allowedAddresses(host: string, network: PushNetwork): Promise<LookupAddress[]> {
  const family = isIP(host);
  const addresses = family ? [{ address: host, family }] : await network.resolve(host);
  const refused = addresses.filter((a) => !network.allows(a.address)).map((a) => a.address);
  if (addresses.length === 0 || refused.length > 0) throw new EndpointNotAllowed(host, refused);
  return addresses;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for the push agent: the socket connects to exactly the addresses this call resolved
 * and checked, so a DNS answer that changes between check and connect (rebinding) never reaches
 * the socket. Node skips `lookup` for IP literals; the sender checks those itself.
 */
export function guardedLookup(network: PushNetwork) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    allowedAddresses(hostname, network).then(
      (all) => {
        const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        if (wanted.length === 0)
          return callback(Object.assign(new Error(`no IPv${options.family} address for ${hostname}`), { code: 'ENOTFOUND' }), '');
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/**
 * The check at registration: false when the endpoint's host is, or resolves to, an address the
 * sender would refuse. A name that does not resolve now (or not within `timeoutMs`) passes: there
 * is nothing to judge yet, and every send checks again, as DNS can change after registration anyway.
 */
export async function pushEndpointAllowed(endpoint: string, network: PushNetwork, timeoutMs = 3_000): Promise<boolean> {
  const host = bareHost(new URL(endpoint));
  let timer: NodeJS.Timeout | undefined;
  const unresolved = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  try {
    await Promise.race([allowedAddresses(host, network), unresolved]);
    return true;
  } catch (error) {
    return !(error instanceof EndpointNotAllowed);
  } finally {
    clearTimeout(timer);
  }
}
