/** Who can reach a cluster's Kubernetes API endpoint. */
import { checkEndpointCidrs } from './checks/endpoint-cidrs';
import { isKind, markKind } from './markers';

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
  /** What is allowed but worth a second look (a block inside another), reported as warnings. */
  readonly warnings: readonly string[];

  private constructor(
    /** `private`, `public` (from listed CIDRs) or `internet` (from anywhere). */
    readonly access: 'private' | 'public' | 'internet',
    /** Source CIDRs of the public endpoint; empty when it is off. */
    readonly publicCidrs: readonly string[],
  ) {
    markKind(this, 'apiEndpoint');
    const report = access === 'public' ? checkEndpointCidrs(publicCidrs, { acceptAnywhere: 'say so explicitly with ApiEndpoint.openToTheInternet()' }) : { problems: [], warnings: [] };
    const none = access === 'public' && publicCidrs.length === 0
      ? ['lists no CIDR; list the source ranges allowed, such as "203.0.113.0/24", or use ApiEndpoint.private()'] : [];
    this.problems = [...none, ...report.problems].map((p) => `ApiEndpoint.publicFrom(): ${p}`);
    this.warnings = report.warnings.map((w) => `ApiEndpoint.publicFrom(): ${w}`);
  }
}
