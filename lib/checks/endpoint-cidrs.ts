/**
 * The CIDRs allowed to reach an EKS cluster's public API endpoint
 * (`publicAccessCidrs`). An empty list means no public endpoint at all: the
 * API is then reached through the private endpoint only.
 *
 * What EKS refuses, from the Amazon EKS User Guide:
 * - more than 40 blocks: "Public endpoint access CIDR ranges per cluster",
 *   40, not adjustable ("View and manage Amazon EKS and Fargate service
 *   quotas");
 * - reserved addresses: "Enter a CIDR block, such as 203.0.113.5/32. The
 *   block cannot include reserved addresses" ("Configure network access to
 *   cluster API server endpoint"). The public endpoint sees a caller by its
 *   public source address; callers in the VPC or connected to it (VPN,
 *   Direct Connect, peering) use the private endpoint, so private (RFC 1918)
 *   and other never-routed ranges have no place here. The documentation
 *   ranges (203.0.113.0/24 and its siblings) are allowed: AWS's own examples
 *   use them.
 *
 * What fleetform refuses on top, unless `allowAnywhere` is set (then it is a
 * warning): a block wider than a /8. No single organisation holds more than
 * a /8 (the largest allocations ever made), so a wider block admits
 * addresses of strangers; 0.0.0.0/0 opens the endpoint to the whole internet.
 * Such a block is judged by that rule alone: 0.0.0.0/0 includes every
 * reserved range and is EKS's own default.
 */
import { Cidr, contains, formatCidr, overlaps, parseCidr, PRIVATE_RANGES, size } from '../net/ipv4';
import { describeValue, quote } from './describe';

/** Most public access CIDRs EKS takes per cluster; a fixed limit. */
export const MAX_PUBLIC_ACCESS_CIDRS = 40;
/** The widest block (shortest prefix) taken without `allowAnywhere`. */
export const WIDEST_PUBLIC_ACCESS_PREFIX = 8;

/** Options of `checkEndpointCidrs`. */
export interface EndpointCidrOptions {
  /** Accept blocks wider than a /8, 0.0.0.0/0 included, with a warning. @default false */
  readonly allowAnywhere?: boolean;
  /** How the caller accepts such a block, for the message. @default 'set allowAnywhere to accept this' */
  readonly acceptAnywhere?: string;
}

/** Problems refuse the list; warnings are reported and let it through. */
export interface EndpointCidrReport {
  readonly problems: string[];
  readonly warnings: string[];
}

/** Ranges that are never the source address of a request from the internet, with what they are. */
const NOT_ON_THE_INTERNET: readonly (readonly [Cidr, string])[] = [
  ...PRIVATE_RANGES.map((r): [Cidr, string] => [r, 'private (RFC 1918)']),
  [{ base: 0x00000000, prefix: 8 }, '"this network" (RFC 1122)'],
  [{ base: 0x64400000, prefix: 10 }, 'carrier-grade NAT (RFC 6598)'],
  [{ base: 0x7f000000, prefix: 8 }, 'loopback'],
  [{ base: 0xa9fe0000, prefix: 16 }, 'link-local'],
  [{ base: 0xe0000000, prefix: 4 }, 'multicast'],
  [{ base: 0xf0000000, prefix: 4 }, 'reserved (RFC 1112)'],
];

const WHERE = `list the public addresses that need the API (an office or CI egress, such as "203.0.113.0/24")`;
const NAME = 'public access CIDR';

/** Checks the public access CIDRs of an EKS cluster. Messages start with `public access CIDR`. */
export function checkEndpointCidrs(cidrs: unknown, options: EndpointCidrOptions = {}): EndpointCidrReport {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!Array.isArray(cidrs)) {
    return { problems: [`${NAME}s must be a list of IPv4 CIDRs such as ["203.0.113.0/24"], not ${describeValue(cidrs)}`], warnings };
  }
  if (cidrs.length > MAX_PUBLIC_ACCESS_CIDRS) {
    problems.push(`${cidrs.length} ${NAME}s are listed; EKS allows at most ${MAX_PUBLIC_ACCESS_CIDRS} per cluster, a fixed limit that cannot be raised: merge neighbouring blocks (two /25s into a /24) or reach the API through the private endpoint`);
  }
  const seen = new Set<string>();
  /** Blocks that passed every check, for the containment warning. */
  const blocks: Cidr[] = [];
  for (const entry of cidrs) {
    if (typeof entry !== 'string') {
      problems.push(`${NAME} ${describeValue(entry)} is not a string; write it as a CIDR such as "203.0.113.0/24"`);
      continue;
    }
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(entry)) {
      problems.push(`${NAME} ${quote(entry)} is an address, not a CIDR block; write "${entry}/32" for that one address`);
      continue;
    }
    const parsed = parseCidr(entry);
    if (typeof parsed === 'string') {
      problems.push(`${NAME} ${parsed}`);
      continue;
    }
    const text = formatCidr(parsed);
    if (seen.has(text)) {
      problems.push(`${NAME} ${quote(text)} is listed twice; remove one`);
      continue;
    }
    seen.add(text);
    if (parsed.prefix < WIDEST_PUBLIC_ACCESS_PREFIX) {
      const reach = parsed.prefix === 0 ? 'the whole internet' : `${size(parsed).toLocaleString('en-US')} addresses, more than any one organisation holds`;
      if (options.allowAnywhere) {
        warnings.push(`${NAME} ${quote(text)} opens the Kubernetes API endpoint to ${reach} (allowAnywhere is set); only authentication stands between it and any caller`);
      } else {
        problems.push(`${NAME} ${quote(text)} would open the Kubernetes API endpoint to ${reach}; ${WHERE}, or ${options.acceptAnywhere ?? 'set allowAnywhere to accept this'}`);
      }
      continue;
    }
    const reserved = NOT_ON_THE_INTERNET.find(([range]) => overlaps(range, parsed));
    if (reserved) {
      const [range, kind] = reserved;
      const relation = contains(range, parsed) ? 'is in' : 'includes';
      problems.push(`${NAME} ${quote(text)} ${relation} the ${kind} range ${formatCidr(range)}, never the source of a request from the internet, and EKS refuses reserved addresses here; callers inside the VPC or connected to it (VPN, Direct Connect, peering) reach the API through the private endpoint: remove it and ${WHERE}`);
      continue;
    }
    blocks.push(parsed);
  }
  for (const inner of blocks) {
    const outer = blocks.find((o) => o !== inner && contains(o, inner));
    if (outer) warnings.push(`${NAME} ${quote(formatCidr(inner))} lies inside ${quote(formatCidr(outer))}, also listed; remove the narrower one to stay further from the limit of ${MAX_PUBLIC_ACCESS_CIDRS}`);
  }
  return { problems, warnings };
}
