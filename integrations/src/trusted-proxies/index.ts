import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Who is calling, behind the landlord's reverse proxies: one reading of `X-Forwarded-For` for the
 * moderation service and the site, so that their rate limits count the same visitor.
 */

/** MODERATION_TRUSTED_PROXIES, SITE_TRUSTED_PROXIES: comma-separated addresses and CIDR ranges (IPv4 or IPv6); null when one is invalid. */
export function parseTrustedProxies(list: string): BlockList | null {
  const proxies = new BlockList();
  for (const entry of list.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) return null;
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) proxies.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!/^\d{1,3}$/.test(prefix) || bits > (family === 6 ? 128 : 32)) return null;
      proxies.addSubnet(address, bits, type);
    }
  }
  return proxies;
}

const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
const trusts = (proxies: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * Who is calling: the socket's address; when that is a trusted proxy, the right-most address of
 * `X-Forwarded-For` that is not a trusted proxy itself (what a client writes to the left of it
 * is never believed). A malformed entry stops the walk there.
 */
export function clientAddress(req: Pick<IncomingMessage, 'socket' | 'headers'>, proxies: BlockList): string {
  let address = plain(req.socket.remoteAddress ?? '');
  if (!trusts(proxies, address)) return address;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map(plain).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) break;
    address = hop;
    if (!trusts(proxies, hop)) break;
  }
  return address;
}
