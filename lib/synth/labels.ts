/** The labels fleetform puts on every object it synthesizes. */
export const LABEL_PREFIX = 'fleetform.io';

export interface ClusterIdentity {
  readonly fleet: string;
  readonly clusterId: string;
  readonly region: string;
  readonly environment: string;
}

/** Identity labels of a cluster's objects, user labels first so fleetform's own win. */
export function identityLabels(id: ClusterIdentity, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ...extra,
    'app.kubernetes.io/managed-by': 'fleetform',
    [`${LABEL_PREFIX}/fleet`]: id.fleet,
    [`${LABEL_PREFIX}/cluster`]: id.clusterId,
    [`${LABEL_PREFIX}/region`]: id.region,
    [`${LABEL_PREFIX}/environment`]: id.environment,
  };
}

/** Pod Security Admission labels enforcing the `restricted` standard on a namespace. */
export const RESTRICTED_POD_SECURITY: Readonly<Record<string, string>> = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'v1.28',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
};
