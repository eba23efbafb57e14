import { BlockList, isIP } from 'node:net';

/** Loopback, private and link-local ranges: where a reverse proxy in front of the server lives. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

function listOf(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function contains(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const family = isIP(plain);
  return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Fastify's `trustProxy` for TRUST_PROXY (see AppConfig.trustProxy). X-Forwarded-For is read
 * from the right: each address a trusted proxy appended is believed, and the first one that is
 * not a trusted proxy is the client. A hop count trusts that many hops, each of which must be on
 * a loopback or private network, so a client reaching the server directly cannot name its own
 * address; a list trusts exactly those proxies. Never the whole chain.
 */
export function proxyTrust(
  setting: false | number | string[],
): false | ((address: string | undefined, hop: number) => boolean) {
  if (setting === false || setting === 0) return false;
  if (typeof setting === 'number') return (address, hop) => hop < setting && contains(PRIVATE, address);
  const proxies = listOf(setting);
  return (address) => contains(proxies, address);
}
