import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './public-address.js';

const verdicts = (addresses: string[]) => Object.fromEntries(addresses.map((a) => [a, isPublicAddress(a)]));
const all = (addresses: string[], verdict: boolean) => Object.fromEntries(addresses.map((a) => [a, verdict]));

describe('isPublicAddress', () => {
  it('accepts public IPv4 and global unicast IPv6, the addresses push services live on', () => {
    const open = [
      '8.8.8.8',
      '142.250.74.106',
      '1.1.1.1',
      '100.63.255.255',
      '100.128.0.0',
      '172.15.255.255',
      '172.32.0.0',
      '2001:4860:4860::8888',
    ];
    const more = ['2606:4700::1111', '2a00:1450:4001:80e::200a', '2000::', '3fff:1000::1'];
    expect(verdicts([...open, ...more])).toEqual(all([...open, ...more], true));
  });

  it('refuses private, loopback, link-local, CGNAT, unspecified, multicast and reserved IPv4', () => {
    const closed = [
      ...['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.0.1', '192.168.255.255'],
      ...['127.0.0.1', '127.255.255.254', '169.254.169.254', '169.254.0.1', '100.64.0.1', '100.127.255.255'],
      ...['0.0.0.0', '0.1.2.3', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255'],
      ...['192.0.0.8', '192.0.2.1', '198.18.0.1', '198.19.255.255', '198.51.100.7', '203.0.113.9', '192.88.99.1'],
    ];
    expect(verdicts(closed)).toEqual(all(closed, false));
  });

  it('refuses loopback, unspecified, link-local (fe80::/10), unique-local (fc00::/7) and multicast IPv6', () => {
    const closed = ['::1', '::', 'fe80::1', 'febf:ffff::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', 'ff05::1:3'];
    expect(verdicts(closed)).toEqual(all(closed, false));
  });

  it('judges an IPv4-mapped IPv6 address by the IPv4 address inside, in either notation', () => {
    const closed = ['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '::ffff:100.64.0.1', '::ffff:0.0.0.0'];
    expect(verdicts(closed)).toEqual(all(closed, false));
    expect(verdicts(['::ffff:8.8.8.8', '::ffff:808:808', '0:0:0:0:0:ffff:8.8.8.8'])).toEqual(
      all(['::ffff:8.8.8.8', '::ffff:808:808', '0:0:0:0:0:ffff:8.8.8.8'], true),
    );
  });

  it('refuses IPv6 forms that carry an IPv4 address of any kind, and documentation ranges', () => {
    // IPv4-compatible, NAT64, 6to4, Teredo, SIIT: each can lead back to a private IPv4 address.
    const closed = ['::127.0.0.1', '::a00:1', '64:ff9b::a00:1', '64:ff9b:1::1', '2002:7f00:1::1', '2001:0:4136:e378::1', '::ffff:0:a00:1'];
    const documentation = ['2001:db8::1', '3fff::1'];
    expect(verdicts([...closed, ...documentation])).toEqual(all([...closed, ...documentation], false));
  });

  it('refuses what is not an IP literal at all: names, zone ids, short forms, brackets', () => {
    const odd = [
      'localhost',
      'push.example.com',
      '',
      '1.2.3',
      '127.1',
      '0x7f.0.0.1',
      '[::1]',
      'fe80::1%eth0',
      '2001:4860::1%1',
      ' 8.8.8.8',
    ];
    expect(verdicts(odd)).toEqual(all(odd, false));
  });
});
