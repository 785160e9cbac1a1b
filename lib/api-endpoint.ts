/** Who can reach a cluster's Kubernetes API endpoint. */
import { isKind, markKind } from './markers';
import { formatCidr, isPrivate, parseCidr } from './net/ipv4';

/** Most CIDRs an EKS cluster's public endpoint takes: a fixed EKS limit that cannot be raised. */
export const MAX_PUBLIC_ACCESS_CIDRS = 40;

/**
 * Who can reach a cluster's Kubernetes API. The private endpoint (inside the
 * VPC, peered networks, a VPN) is always on; a public one is opened only as
 * chosen here. Use the factories.
 */
export class ApiEndpoint {
  /** Private only: the API is reached from inside the VPC or networks joined to it. The default. */
  static private(): ApiEndpoint {
    return new ApiEndpoint('private', []);
  }

  /**
   * Private, plus a public endpoint reachable only from these source CIDRs (for
   * example the egress range of the machine that runs `pulumi up`); at most 40.
   */
  static publicFrom(...cidrs: string[]): ApiEndpoint {
    return new ApiEndpoint('public', cidrs.flat());
  }

  /**
   * Private, plus a public endpoint open to the whole internet (0.0.0.0/0).
   * Every synth warns about it; prefer `publicFrom()` with your own ranges.
   */
  static openToTheInternet(): ApiEndpoint {
    return new ApiEndpoint('internet', ['0.0.0.0/0']);
  }

  /** Whether `x` is an ApiEndpoint (also one made by another copy of fleetform). */
  static isApiEndpoint(x: unknown): x is ApiEndpoint {
    return isKind(x, 'apiEndpoint');
  }

  /** Problems of the CIDRs given, reported by the construct that uses the endpoint. */
  readonly problems: readonly string[];

  private constructor(
    /** `private`, `public` (from listed CIDRs) or `internet` (from anywhere). */
    readonly access: 'private' | 'public' | 'internet',
    /** Source CIDRs of the public endpoint; empty when it is off. */
    readonly publicCidrs: readonly string[],
  ) {
    markKind(this, 'apiEndpoint');
    this.problems = access === 'public' ? checkPublicCidrs(publicCidrs) : [];
  }
}

/** Problems of the source CIDRs of a public endpoint. */
function checkPublicCidrs(cidrs: readonly unknown[]): string[] {
  const problems: string[] = [];
  if (cidrs.length === 0) problems.push('ApiEndpoint.publicFrom() lists no CIDR; list the source ranges allowed, such as "203.0.113.0/24", or use ApiEndpoint.private()');
  if (cidrs.length > MAX_PUBLIC_ACCESS_CIDRS) problems.push(`ApiEndpoint.publicFrom() lists ${cidrs.length} CIDRs; EKS takes at most ${MAX_PUBLIC_ACCESS_CIDRS} (a fixed limit), so merge ranges or reach the API through the private endpoint`);
  const seen = new Set<string>();
  for (const cidr of cidrs) {
    const c = typeof cidr === 'string' ? parseCidr(cidr) : `${JSON.stringify(cidr)} is not a CIDR string`;
    if (typeof c === 'string') {
      problems.push(`ApiEndpoint.publicFrom(): ${c}`);
    } else if (c.prefix === 0) {
      problems.push('ApiEndpoint.publicFrom() lists 0.0.0.0/0, which opens the API to the whole internet; list your own ranges, or say so explicitly with ApiEndpoint.openToTheInternet()');
    } else if (isPrivate(c)) {
      problems.push(`ApiEndpoint.publicFrom() lists ${formatCidr(c)}, a private range, which never reaches a public endpoint; callers inside the VPC use the private endpoint, so leave it out`);
    } else if (seen.has(formatCidr(c))) {
      problems.push(`ApiEndpoint.publicFrom() lists ${formatCidr(c)} twice; list each range once`);
    }
    if (typeof c !== 'string') seen.add(formatCidr(c));
  }
  return problems;
}
