/** Names fleetform reserves on every cluster. */

/** The namespace of fleetform's own objects on every cluster. */
export const SYSTEM_NAMESPACE = 'fleetform-system';

/** Namespaces no app may use: Kubernetes' own and fleetform's. */
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease', SYSTEM_NAMESPACE];
