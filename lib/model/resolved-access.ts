/** The resolved access of the fleet: each cluster's grants and RBAC, and the effective matrix. */

/** The access level an IAM principal gets on a cluster. */
export type AccessLevel = 'cluster-admin' | 'admin' | 'edit' | 'view' | 'custom';

/** One IAM principal's access to one cluster. */
export interface ResolvedGrant {
  /** IAM role or user ARN. */
  readonly principal: string;
  readonly level: AccessLevel;
  /** Stem of the access entry's Pulumi resource names; named after the principal, so adding one never renames another. */
  readonly resourceName: string;
  /** The namespaces a built-in level is scoped to; absent for the whole cluster. */
  readonly namespaces?: readonly string[];
  /** The Kubernetes groups the access entry puts the principal in, which RBAC binds (custom roles). */
  readonly kubernetesGroups?: readonly string[];
}

/** A rule of a custom ClusterRole. */
export interface ResolvedAccessRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** An RBAC binding fleetform writes: a ClusterRoleBinding, or a RoleBinding per namespace. */
export interface ResolvedRbacBinding {
  /** The binding's name, `fleetform:<policy or team>`. */
  readonly name: string;
  /** The ClusterRole bound. */
  readonly clusterRole: string;
  /** The Kubernetes groups bound, sorted. */
  readonly groups: readonly string[];
}

/** What fleetform writes into one app namespace of a cluster: RoleBindings, and the owning team's quota. */
export interface ResolvedNamespaceAccess {
  readonly namespace: string;
  /** RoleBindings (to ClusterRoles), sorted by name. */
  readonly bindings: readonly ResolvedRbacBinding[];
  /** The path of the team that owns the namespace, if any. */
  readonly team?: string;
  /** The team's ResourceQuota, as Kubernetes quantities (with a LimitRange giving containers default requests). */
  readonly quota?: { readonly cpu: string; readonly memory: string; readonly pods?: number };
}

/** The RBAC of one cluster: custom roles, cluster-wide bindings, and what goes into each app namespace. */
export interface ResolvedRbac {
  /** Custom ClusterRoles, sorted by name. */
  readonly roles: readonly { readonly name: string; readonly rules: readonly ResolvedAccessRule[] }[];
  /** ClusterRoleBindings, sorted by name. */
  readonly clusterBindings: readonly ResolvedRbacBinding[];
  /** By namespace. */
  readonly namespaces: Readonly<Record<string, ResolvedNamespaceAccess>>;
}

/** One row of the effective access matrix: a subject's role on one cluster. */
export interface ResolvedAccess {
  /** An IAM principal ARN, or a Kubernetes group. */
  readonly subject: string;
  readonly kind: 'principal' | 'group';
  readonly cluster: string;
  /** The role's name: a built-in role or a custom ClusterRole. */
  readonly role: string;
  /** Namespaces, or null for the whole cluster. */
  readonly namespaces: readonly string[] | null;
  /** Paths of the environments, policies and teams that grant it. */
  readonly via: readonly string[];
}
