/**
 * IPv4 CIDR arithmetic on 32-bit unsigned integers. Pure and allocation-free
 * apart from the returned values.
 */

/** A parsed IPv4 CIDR block: `base` is the network address as an unsigned 32-bit integer. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/p`. Returns a string describing the problem when the text is
 * not a canonical CIDR (host bits set, octet out of range, prefix > 32).
 */
export function parseCidr(text: string): Cidr | string {
  const m = CIDR_RE.exec(text);
  if (!m) return `"${text}" is not an IPv4 CIDR such as 10.64.0.0/16`;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255)) return `"${text}" has an octet above 255`;
  if (prefix > 32) return `"${text}" has a prefix longer than /32`;
  const addr = (((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3]) >>> 0;
  const base = (addr & mask(prefix)) >>> 0;
  if (base !== addr) return `"${text}" has host bits set; the network address is ${formatCidr({ base, prefix })}`;
  return { base, prefix };
}

/** The network mask of a prefix length as an unsigned integer. */
export function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Number of addresses in the block. */
export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function formatCidr(c: Cidr): string {
  const b = c.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

/** True when the two blocks share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  const p = Math.min(a.prefix, b.prefix);
  return ((a.base & mask(p)) >>> 0) === ((b.base & mask(p)) >>> 0);
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && ((inner.base & mask(outer.prefix)) >>> 0) === outer.base;
}

/** The `index`-th sub-block of length `prefix` inside `c`. */
export function subnet(c: Cidr, prefix: number, index: number): Cidr {
  if (prefix < c.prefix) throw new RangeError(`cannot take a /${prefix} from ${formatCidr(c)}`);
  const count = 2 ** (prefix - c.prefix);
  if (index < 0 || index >= count) throw new RangeError(`${formatCidr(c)} holds ${count} /${prefix} blocks, not ${index + 1}`);
  return { base: (c.base + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

/** The private address ranges of RFC 1918; EKS accepts service CIDRs only inside these. */
export const PRIVATE_RANGES: readonly Cidr[] = [
  { base: 0x0a000000, prefix: 8 },
  { base: 0xac100000, prefix: 12 },
  { base: 0xc0a80000, prefix: 16 },
];

export function isPrivate(c: Cidr): boolean {
  return PRIVATE_RANGES.some((r) => contains(r, c));
}

/**
 * The smallest list of CIDRs that covers every address of `within` outside
 * `excluded`, in address order: a complement without `except` clauses.
 */
export function complement(within: Cidr, excluded: readonly Cidr[]): Cidr[] {
  const out: Cidr[] = [];
  const visit = (c: Cidr): void => {
    if (excluded.some((e) => contains(e, c))) return;
    if (!excluded.some((e) => overlaps(e, c))) {
      out.push(c);
      return;
    }
    visit(subnet(c, c.prefix + 1, 0));
    visit(subnet(c, c.prefix + 1, 1));
  };
  visit(within);
  return out;
}

/** Ranges that are not the public internet: this network, private, shared (CGNAT), loopback, link-local, multicast and reserved. */
export const NON_PUBLIC_RANGES: readonly Cidr[] = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3',
].map((t) => parseCidr(t) as Cidr);

/** The public internet as CIDRs, without `except` clauses (which some network policy agents mishandle). */
export function publicInternet(): string[] {
  return complement({ base: 0, prefix: 0 }, NON_PUBLIC_RANGES).map(formatCidr);
}
