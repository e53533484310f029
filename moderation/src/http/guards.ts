import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { HubError } from '../errors.ts';
import type { Guard } from './routes.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The public site's server-to-server calls: `X-Hub-Site-Token` = MODERATION_SITE_TOKEN (never empty). */
export function siteToken(token: string): Guard {
  // Both sides hashed: timingSafeEqual compares two digests of the same length, in a time that
  // tells nothing of where a guess differs (nor of the token's length).
  const expected = token ? digest(token) : null;
  return (req: IncomingMessage) => {
    const given = req.headers['x-hub-site-token'];
    const ok = expected !== null && typeof given === 'string' && timingSafeEqual(digest(given), expected);
    if (!ok) throw new HubError('UNAUTHENTICATED', { message: 'Jeton du site absent ou invalide.' });
  };
}

/** MODERATION_TRUSTED_PROXIES: comma-separated addresses and CIDR ranges (IPv4 or IPv6); null when one is invalid. */
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
export function clientAddress(req: IncomingMessage, proxies: BlockList): string {
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
