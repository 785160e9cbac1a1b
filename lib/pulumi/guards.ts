/**
 * The guards of what holds state (networks, keys, logs, the control plane, the
 * edge's certificates, distributions and hosted zones): Pulumi `protect`, which
 * fails any delete or replace of the resource, and for keys and logs
 * `retainOnDelete`, which leaves them in the account when the stack lets them
 * go. Both are lifted only while the owner is decommissioning, the first of
 * the two steps of removing it on purpose.
 */
import type * as pulumi from '@pulumi/pulumi';

/** The lifecycle of a cluster or load balancer, as the model resolved it. */
export type Lifecycle = 'active' | 'decommissioning';

/** Whether the guards of an owner with this lifecycle are on. */
export function guarded(lifecycle: Lifecycle): boolean {
  return lifecycle !== 'decommissioning';
}

/** Options of a resource no change may delete or replace while its owner is not decommissioning. */
export function protection(lifecycle: Lifecycle): pulumi.CustomResourceOptions {
  return { protect: guarded(lifecycle) };
}

/** Options of a resource that is also kept in the account when removed from the stack (keys, logs). */
export function keeping(lifecycle: Lifecycle): pulumi.CustomResourceOptions {
  return { protect: guarded(lifecycle), retainOnDelete: guarded(lifecycle) };
}
