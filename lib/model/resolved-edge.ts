/**
 * The resolved model of residency zones and global load balancers: zones,
 * the record trees of each load balancer, and the origin protection of the
 * clusters behind CloudFront (re-exported by resolved.ts).
 */
import type { DnsTree, TreeRouting } from './dns-tree';

/** A GDPR zone, resolved. */
export interface ResolvedZone {
  readonly name: string;
  readonly path: string;
  readonly regions: readonly string[];
  readonly requireDedicatedTenancy: boolean;
  readonly edge: 'cloudfront-uncached' | 'dns-only';
  /** Member clusters, sorted. */
  readonly clusters: readonly string[];
}

/** One tree of a load balancer: the host name's, or a path route's. */
export interface LoadBalancerTree extends DnsTree {
  /** The route's origin label (see dns-names.ts): empty for the host name's own tree. */
  readonly slug: string;
  /** The app served. */
  readonly app: string;
  /** The route's CloudFront path pattern, for a route. */
  readonly path?: string;
  /** Clusters that serve it: the targets the app runs on, sorted. */
  readonly clusters: readonly string[];
  /** The app's residency zone, if any. */
  readonly residency?: string;
  /** The path Route 53 probes on each leaf. */
  readonly healthCheckPath: string;
  /** The routing policy with its clusters resolved. */
  readonly routing: TreeRouting;
}

/** A global load balancer, resolved: its trees of records, health checks and edge. */
export interface ResolvedLoadBalancer {
  readonly name: string;
  readonly path: string;
  readonly hostname: string;
  /** The hosted zone; no id when the deployment creates it. */
  readonly hostedZone: { readonly name: string; readonly zoneId?: string };
  /** `dns`: users resolve the host name to a cluster's ALB; `cloudfront`: a distribution routes paths to origins. */
  readonly edge: 'dns' | 'cloudfront';
  /** The `originProtection` prop (default true): with a CloudFront edge, the targets' ALBs admit only CloudFront and Route 53's health checkers. */
  readonly originProtection: boolean;
  /** Target clusters, sorted. */
  readonly targets: readonly string[];
  /** The routing policy in words, such as `latency`. */
  readonly routing: string;
  readonly trees: readonly LoadBalancerTree[];
  readonly healthCheck: { readonly intervalSeconds: number; readonly failureThreshold: number; readonly regions: readonly string[] };
  /** The TTL answers carry: every record is an alias, answered with its target's (an ALB's 60 s). */
  readonly ttlSeconds: number;
  readonly regionLoss: 'warn' | 'enforce';
  /** Seconds before users move off a failed cluster: interval × threshold + TTL (plus resolver caching). */
  readonly failoverSeconds: number;
  /** Cluster ids the load balancer names (targets, policy members) that are not in the fleet. */
  readonly unknownClusters: readonly string[];
  /**
   * `active`, or `decommissioning` once `decommission()` was called: the guards
   * of its certificates, distribution and created hosted zone are lifted, the
   * first step of removing it.
   */
  readonly lifecycle: 'active' | 'decommissioning';
}

/**
 * The security groups (by Name tag) an origin-protected cluster's internet-facing
 * ALB takes instead of one open to the internet: HTTPS from CloudFront's
 * origin-facing prefix list, and HTTPS from Route 53's health checkers of the
 * region (two groups, as the two prefix lists weigh 55 and 25 rules against the
 * default quota of 60 rules per group).
 */
export interface OriginProtection {
  /** Name tag of the group admitting CloudFront, the same in every cluster's VPC (the controller looks names up in its own VPC): `<fleet>-cloudfront-origin`. */
  readonly cloudFrontGroup: string;
  /** Name tag of the group admitting Route 53 health checkers: `<fleet>-route53-health-checks`. */
  readonly healthCheckGroup: string;
  /** The load balancers that ask for it, sorted. */
  readonly loadBalancers: readonly string[];
}
