import { type LookupAddress, type LookupOptions, promises as dns } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Which targets a webhook may reach beyond the public internet (WebhookOptions' two switches). */
export interface NetworkPolicy {
  allowPrivateNetworks: boolean;
  allowLoopback: boolean;
}

/** Resolves a host name to every address it has; injectable so tests can play a rebinding DNS. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

type Family = 'ipv4' | 'ipv6';
type Range = readonly [network: string, prefix: number, family: Family];

/**
 * Address classes, most specific first. Metadata, link-local and "this host" (0.0.0.0 and ::,
 * which Linux connects to the local host) are never reachable: they are where cloud
 * credentials live. BlockList also matches IPv4-mapped IPv6 (::ffff:169.254.169.254).
 */
const CLASSES: readonly (readonly [name: string, always: boolean, ranges: readonly Range[]])[] = [
  ['a cloud metadata address', true, [['169.254.169.254', 32, 'ipv4'], ['fd00:ec2::254', 128, 'ipv6']]],
  ['an unspecified address', true, [['0.0.0.0', 8, 'ipv4'], ['::', 128, 'ipv6']]],
  ['a link-local address', true, [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']]],
  ['a loopback address', false, [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']]],
  ['a private address', false, [['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['fc00::', 7, 'ipv6']]],
];

const LISTS = CLASSES.map(([name, always, ranges]) => {
  const list = new BlockList();
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family);
  return { name, always, list };
});

/** Why `address` may not be connected to under `policy`, or undefined when it may. */
export function refusalOf(address: string, policy: NetworkPolicy): string | undefined {
  const family: Family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  const hit = LISTS.find(({ list }) => list.check(address, family));
  if (!hit) return undefined;
  if (hit.always) return hit.name;
  if (hit.name === 'a loopback address' && policy.allowLoopback) return undefined;
  if (hit.name === 'a private address' && policy.allowPrivateNetworks) return undefined;
  return hit.name;
}

/** A target the network policy forbids: never retried, the URL must change. */
export class AddressRefusedError extends Error {
  readonly code = 'EADDRREFUSEDBYPOLICY';
  constructor(host: string, address: string, why: string) {
    super(host === address ? `${address} is ${why}` : `${host} resolves to ${address}, ${why}`);
    this.name = 'AddressRefusedError';
  }
}

/** URL.hostname keeps IPv6 brackets; sockets and the policy want the bare address. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** Throws AddressRefusedError for a literal IP the policy forbids (sockets skip `lookup` for those). */
export function checkLiteralAddress(host: string, policy: NetworkPolicy): void {
  if (isIP(host) === 0) return;
  const why = refusalOf(host, policy);
  if (why) throw new AddressRefusedError(host, host, why);
}

/**
 * The `lookup` given to every socket: it resolves the name, drops forbidden addresses and hands
 * the socket only what remains. The check is on the addresses the socket then connects to, so
 * a DNS answer that changes between a check and the connect (rebinding) cannot get through.
 */
export function policyLookup(policy: NetworkPolicy, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    const wanted = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
    resolve(hostname).then(
      (found) => {
        const ofFamily = found.filter((entry) => wanted === 0 || entry.family === wanted);
        const allowed = ofFamily.filter((entry) => refusalOf(entry.address, policy) === undefined);
        const first = allowed[0];
        if (!first) {
          const refused = ofFamily[0];
          const error = refused
            ? new AddressRefusedError(hostname, refused.address, refusalOf(refused.address, policy) ?? 'refused')
            : Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
          callback(error, '', 0);
        } else if (options.all) callback(null, allowed);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
