/** The resolved calls between apps: who calls whom from where, and the network paths across clusters they need. */

/** One caller cluster of a call: the address the caller gets there, and the callee's clusters it reaches across the network. */
export interface ResolvedCallSource {
  readonly clusterId: string;
  /** The value of the caller's variable on this cluster: the callee's Service when it runs here, else its private name. */
  readonly address: string;
  /** The callee's clusters the call reaches through peering (all of them when it does not run here); empty when it does. */
  readonly remote: readonly string[];
}

/** A call declared with `calls`: caller app → callee app. */
export interface ResolvedCall {
  readonly caller: string;
  readonly callee: string;
  /** The caller's construct path, where problems of the call are reported. */
  readonly path: string;
  /** The env variable carrying the address, such as `LEDGER_URL`. */
  readonly variable: string;
  /** The callee's clusters. */
  readonly calleeClusters: readonly string[];
  /** Each cluster the caller runs on, sorted by id. */
  readonly sources: readonly ResolvedCallSource[];
}

/** Two clusters whose VPCs are peered because an app on one calls an app that runs only on the other; ids sorted, `a` first. */
export interface ResolvedLink {
  /** The requester of the peering: the first id by code unit. */
  readonly a: string;
  /** The accepter. */
  readonly b: string;
  /** The calls that need the link, as `caller→callee`, sorted. */
  readonly calls: readonly string[];
}

/** A called app's internal load balancer on one of its clusters, and the caller clusters it admits. */
export interface ResolvedExposure {
  readonly app: string;
  readonly namespace: string;
  readonly clusterId: string;
  /** The container port the load balancer forwards to (client addresses preserved). */
  readonly port: number;
  /** The listener port: the app's Service port. */
  readonly servicePort: number;
  /** The caller clusters, sorted. */
  readonly callerClusters: readonly string[];
  /** The private subnets (pod ranges) of the caller clusters, sorted: the only sources admitted. */
  readonly sourceRanges: readonly string[];
}

/** Every call of the fleet and what the network needs for them. */
export interface ResolvedCalls {
  /** The private hosted zone of the fleet's cross-cluster names; absent when no call crosses clusters. */
  readonly zone?: string;
  readonly calls: readonly ResolvedCall[];
  /** The VPC peerings, sorted by `a` then `b`. */
  readonly links: readonly ResolvedLink[];
  /** The internal load balancers, sorted by app then cluster. */
  readonly exposures: readonly ResolvedExposure[];
}

/** What the calls add to one app's spec on one cluster; absent fields add nothing. */
export interface AppCallSpec {
  /** Variables carrying called apps' addresses. */
  readonly env?: Readonly<Record<string, string>>;
  /** Called apps reached across clusters: the egress opened to their load balancers. */
  readonly remoteCallees?: readonly RemoteCallee[];
  /** The app's internal load balancer on this cluster, when apps on other clusters call it. */
  readonly internalLoadBalancer?: InternalLoadBalancerSpec;
}

/** A called app reached across clusters, as the caller's egress policy opens it. */
export interface RemoteCallee {
  readonly name: string;
  /** The listener port of its load balancers. */
  readonly port: number;
  /** The ranges its load balancers take addresses from (the public-subnet range of each of its clusters), sorted. */
  readonly ranges: readonly string[];
}

/** An internal Network Load Balancer in front of an app on one cluster, for callers on other clusters. */
export interface InternalLoadBalancerSpec {
  /** The caller clusters' pod ranges: the load balancer's source ranges and the network policy's admitted sources. */
  readonly sourceRanges: readonly string[];
  /** Name tags of the subnets the load balancer is placed in (the cluster's public subnets, whose range the policies know). */
  readonly subnets: readonly string[];
}
