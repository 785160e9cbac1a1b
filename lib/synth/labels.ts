/** The labels fleetform puts on every object it synthesizes. */
export const LABEL_PREFIX = 'fleetform.io';

/**
 * The values that make one cluster's rendering of a chart differ from
 * another's besides the chart's own inputs: its identity, and the ranges its
 * policies name. Templates stand a sentinel in for each (see chart-templates.ts).
 */
export interface ClusterValues {
  readonly fleet: string;
  readonly clusterId: string;
  readonly region: string;
  readonly environment: string;
  /** The VPC range holding the cluster's public subnets, where its load balancers' addresses come from. */
  readonly loadBalancerRange: string;
}

/** Identity labels of a cluster's objects, user labels first so fleetform's own win. */
export function identityLabels(id: ClusterValues, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ...extra,
    'app.kubernetes.io/managed-by': 'fleetform',
    [`${LABEL_PREFIX}/fleet`]: id.fleet,
    [`${LABEL_PREFIX}/cluster`]: id.clusterId,
    [`${LABEL_PREFIX}/region`]: id.region,
    [`${LABEL_PREFIX}/environment`]: id.environment,
  };
}

/**
 * Pod Security Admission labels enforcing the `restricted` standard on a
 * namespace, pinned to the cluster's own minor so an upgrade changes the rules
 * only when the fleet says so.
 */
export function restrictedPodSecurity(kubernetesVersion: string): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/enforce-version': `v${kubernetesVersion}`,
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/warn': 'restricted',
  };
}
