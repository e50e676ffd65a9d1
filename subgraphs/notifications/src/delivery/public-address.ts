import { BlockList, isIP } from 'node:net';

/**
 * IPv4 ranges that are not the public internet (IANA special-purpose registry): a push endpoint
 * there would make this service reach into its own network (SSRF). BlockList also matches the
 * IPv4-mapped IPv6 forms (`::ffff:127.0.0.1`, `::ffff:7f00:1`) against these rules.
 */
const NOT_PUBLIC_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", the unspecified address
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

/**
 * IPv6 is judged the other way round: only global unicast (2000::/3) can be public, which leaves
 * out ::, ::1, fe80::/10, fc00::/7, ff00::/8, NAT64 and the IPv4-compatible forms; inside it, these
 * are not public, or carry an IPv4 address of any kind (6to4, Teredo).
 */
const NOT_PUBLIC_IN_GLOBAL_V6: [string, number][] = [
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['3fff::', 20], // documentation
];

const blockList = (family: 'ipv4' | 'ipv6', rules: [string, number][]) => {
  const list = new BlockList();
  for (const [network, prefix] of rules) list.addSubnet(network, prefix, family);
  return list;
};

const notPublicV4 = blockList('ipv4', NOT_PUBLIC_V4);
const globalUnicastV6 = blockList('ipv6', [['2000::', 3]]);
const notPublicInGlobalV6 = blockList('ipv6', NOT_PUBLIC_IN_GLOBAL_V6);
const mappedV4 = blockList('ipv6', [['::ffff:0:0', 96]]);

/** Whether `address` (an IP literal, as DNS answers it) is on the public internet; anything else, a name included, is not. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !notPublicV4.check(address, 'ipv4');
  if (family !== 6 || address.includes('%')) return false; // a zone id only makes sense on a local link
  if (mappedV4.check(address, 'ipv6')) return !notPublicV4.check(address, 'ipv6');
  return globalUnicastV6.check(address, 'ipv6') && !notPublicInGlobalV6.check(address, 'ipv6');
}
