/** Names fleetform reserves on every cluster. */

/** The namespace of fleetform's own objects on every cluster. */
export const SYSTEM_NAMESPACE = 'fleetform-system';

/** Namespaces no app may use: Kubernetes' own and fleetform's. */
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease', SYSTEM_NAMESPACE];

/**
 * Folders of the output beside the clusters' own (`<outdir>/<cluster-id>/`):
 * no cluster may take one of these ids, so GitOps files never share a folder with a cluster's manifests.
 */
export const RESERVED_OUTPUT_FOLDERS: readonly string[] = ['argocd', 'flux'];

/** Tag keys fleetform sets on the AWS resources it creates; a user tag may not reuse them. */
export const FLEETFORM_TAG_KEYS: readonly string[] = [
  'fleetform:fleet', 'fleetform:cluster', 'fleetform:environment', 'fleetform:load-balancer', 'managed-by', 'Name',
];

/** Tag key prefixes kept for fleetform's tags and for those Kubernetes controllers read on AWS. */
export const RESERVED_TAG_PREFIXES: readonly string[] = ['fleetform:', 'kubernetes.io/', 'k8s.io/'];

/**
 * The most tags fleetform puts on one resource: a cluster's subnet carries
 * the fleet, cluster, environment, managed-by and Name tags, plus
 * `kubernetes.io/cluster/<name>` and `kubernetes.io/role/(internal-)elb`.
 */
export const MOST_FLEETFORM_TAGS_ON_A_RESOURCE = 7;
