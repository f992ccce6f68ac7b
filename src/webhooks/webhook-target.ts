import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

/** What an IP address is, as far as deciding whether a webhook may be sent to it. */
export type AddressKind = 'public' | 'unspecified' | 'loopback' | 'private' | 'link-local' | 'shared' | 'multicast' | 'reserved' | 'documentation';

type Range = [prefix: number[], bits: number, kind: AddressKind];

const V4_RANGES: Range[] = [
  [[0, 0, 0, 0], 8, 'unspecified'],
  [[10, 0, 0, 0], 8, 'private'],
  // carrier-grade NAT; Alibaba Cloud's metadata service lives at 100.100.100.200
  [[100, 64, 0, 0], 10, 'shared'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'reserved'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

const V6_RANGES: Range[] = [
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'reserved'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  // Teredo tunnels embed an obfuscated IPv4 address we cannot vouch for
  [[0x20, 0x01, 0x00, 0x00], 32, 'reserved'],
  [[0xfc], 7, 'private'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'private'],
  [[0xff], 8, 'multicast'],
];

/** Hosts that serve cloud instance credentials whatever address they resolve to. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

function inRange(bytes: number[], [prefix, bits]: Range): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((bytes[bit >> 3] & mask) !== ((prefix[bit >> 3] ?? 0) & mask)) return false;
  }
  return true;
}

function classifyV4(bytes: number[]): AddressKind {
  return V4_RANGES.find((r) => inRange(bytes, r))?.[2] ?? 'public';
}

function parseV6(ip: string): number[] {
  const groups = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16)];
          const [a, b, c, d] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head, tail] = ip.split('::');
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function classifyV6(bytes: number[]): AddressKind {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 15) && bytes[15] === 0) return 'unspecified';
  if (zeros(0, 15) && bytes[15] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the embedded IPv4 address
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return classifyV4(bytes.slice(12));
  if (inRange(bytes, [[0x00, 0x64, 0xff, 0x9b], 96, 'public'])) return classifyV4(bytes.slice(12));
  if (inRange(bytes, [[0x20, 0x02], 16, 'public'])) return classifyV4(bytes.slice(2, 6));
  // the rest of ::/8 (IPv4-compatible, local-use NAT64 64:ff9b:1::/48, …) has no business receiving webhooks
  if (bytes[0] === 0) return 'reserved';
  return V6_RANGES.find((r) => inRange(bytes, r))?.[2] ?? 'public';
}

/** Classifies an IP literal (no brackets); null when the string is not an IP address. */
export function classifyAddress(ip: string): AddressKind | null {
  const bare = ip.replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return classifyV4(bare.split('.').map(Number));
  if (family === 6) return classifyV6(parseV6(bare.toLowerCase()));
  return null;
}

/** `[::1]` → `::1`, `Metadata.Google.Internal.` → `metadata.google.internal`. */
export function normalizeHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

/** Why an IP-literal host must not be contacted; null for public addresses and for names. */
export function literalProblem(hostname: string): string | null {
  const host = normalizeHost(hostname);
  const kind = classifyAddress(host);
  return kind && kind !== 'public' ? `${host} is a ${kind} address` : null;
}

/**
 * Why a URL host must not receive webhooks, judged from the name alone (no DNS): null when nothing is wrong yet.
 * Delivery also checks every resolved address, since a public name can later resolve to a private one.
 */
export function hostProblem(hostname: string): string | null {
  const host = normalizeHost(hostname);
  if (classifyAddress(host)) return literalProblem(host);
  if (METADATA_HOSTS.has(host)) return `${host} is a cloud metadata host`;
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is a loopback host`;
  return null;
}

/** The first resolved address that may not be contacted, described; null when all are public. */
export function resolvedProblem(hostname: string, addresses: LookupAddress[]): string | null {
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind !== 'public') return `${hostname} resolves to ${address} (${kind ?? 'not an address'})`;
  }
  return addresses.length === 0 ? `${hostname} resolves to no address` : null;
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export class BlockedTargetError extends Error {
  override name = 'BlockedTargetError';
  readonly code = 'EBLOCKEDTARGET';
}

/**
 * A `lookup` for http.request that refuses private answers. The socket connects to the very addresses checked
 * here, so a DNS answer that changes between check and connect (rebinding) cannot slip through.
 */
export function guardedLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const wanted = family ? addresses.filter((a) => a.family === family) : addresses;
        const problem = resolvedProblem(hostname, addresses) ?? (wanted.length === 0 ? `${hostname} has no IPv${family} address` : null);
        if (problem) return callback(new BlockedTargetError(problem), '', 0);
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0].address, wanted[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
