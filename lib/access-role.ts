/** What a grant of an {@link AccessPolicy} or a {@link Team} lets its principals and groups do on a cluster. */
import { isKind, markKind } from './markers';

/** One rule of a custom role, as a Kubernetes ClusterRole writes it. */
export interface AccessRule {
  /** API groups, `''` for the core group, such as `['', 'apps']`. */
  readonly apiGroups: readonly string[];
  /** Resources, such as `['pods', 'deployments']`; `pods/log` for a subresource. */
  readonly resources: readonly string[];
  /** Verbs, such as `['get', 'list', 'watch']`. */
  readonly verbs: readonly string[];
  /**
   * Only the objects of these names.
   * @default - every object of the resources
   */
  readonly resourceNames?: readonly string[];
}

/** The name of a built-in role: a Kubernetes user-facing ClusterRole. */
export type BuiltInRoleName = 'cluster-admin' | 'admin' | 'edit' | 'view';

/** The built-in roles: the Kubernetes user-facing ClusterRole and the EKS access policy of each. */
const BUILT_IN: Readonly<Record<BuiltInRoleName, string>> = {
  'cluster-admin': 'AmazonEKSClusterAdminPolicy',
  admin: 'AmazonEKSAdminPolicy',
  edit: 'AmazonEKSEditPolicy',
  view: 'AmazonEKSViewPolicy',
};

/** Names Kubernetes gives its own ClusterRoles (`system:` ones) or the built-in roles take. */
const RESERVED_ROLE = /^(system:|eks:|cluster-admin$|admin$|edit$|view$)/;

/**
 * A role: one of Kubernetes' user-facing roles (realised on EKS as the matching
 * EKS access policy, at cluster or namespace scope) or a custom ClusterRole
 * fleetform writes on every cluster the grant reaches (realised as the access
 * entry's Kubernetes group, bound to it by RBAC).
 */
export class AccessRole {
  /** Everything, cluster-wide (`cluster-admin`; AmazonEKSClusterAdminPolicy). Cannot be scoped to namespaces. */
  static readonly CLUSTER_ADMIN = new AccessRole('cluster-admin');
  /** Read and write most objects, including roles and bindings, of a namespace (`admin`; AmazonEKSAdminPolicy). */
  static readonly ADMIN = new AccessRole('admin');
  /** Read and write most objects, not roles or bindings (`edit`; AmazonEKSEditPolicy). */
  static readonly EDIT = new AccessRole('edit');
  /** Read most objects, not Secrets (`view`; AmazonEKSViewPolicy). */
  static readonly VIEW = new AccessRole('view');

  /** Whether `x` is an AccessRole (also one made by another copy of fleetform). */
  static isAccessRole(x: unknown): x is AccessRole {
    return isKind(x, 'accessRole');
  }

  /**
   * A ClusterRole of your own, written by fleetform as `<name>` on every cluster a
   * grant of it reaches, and bound there to the grant's principals and groups.
   */
  static custom(name: string, rules: readonly AccessRule[]): AccessRole {
    return new AccessRole(name, rules);
  }

  /** The ClusterRole's name. */
  readonly name: string;
  /** A custom role's rules; undefined for a built-in role. */
  readonly rules?: readonly AccessRule[];

  private constructor(name: string, rules?: readonly AccessRule[]) {
    markKind(this, 'accessRole');
    this.name = name;
    if (rules !== undefined) this.rules = rules;
  }

  /** Whether it is one of the built-in roles. */
  get builtIn(): boolean {
    return this.rules === undefined;
  }

  /** The EKS access policy of a built-in role; undefined for a custom one. */
  get eksAccessPolicy(): string | undefined {
    return this.rules === undefined ? `arn:aws:eks::aws:cluster-access-policy/${BUILT_IN[this.name as BuiltInRoleName]}` : undefined;
  }

  /** Problems of a custom role's name and rules; `at` starts each. */
  problems(at = 'role'): string[] {
    if (this.rules === undefined) return [];
    const problems: string[] = [];
    if (typeof this.name !== 'string' || !/^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/.test(this.name) || this.name.length > 253) {
      problems.push(`${at} name ${JSON.stringify(this.name)} is not a ClusterRole name; use lower-case letters, digits, '-', '.' and ':', such as "deployer"`);
    } else if (RESERVED_ROLE.test(this.name)) {
      const builtIn = BUILT_IN_ROLES.find((r) => r === this.name);
      problems.push(builtIn !== undefined
        ? `${at} name "${this.name}" is a built-in role; use AccessRole.${builtIn.toUpperCase().replace(/-/g, '_')}, or another name for your own`
        : `${at} name "${this.name}" is reserved for Kubernetes' and EKS's own roles (system:, eks:); give your role another name`);
    }
    if (!Array.isArray(this.rules) || this.rules.length === 0) {
      problems.push(`${at} "${this.name}" has no rules; give at least one, such as { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list"] }`);
      return problems;
    }
    this.rules.forEach((r, i) => {
      const where = `${at} "${this.name}" rule ${i + 1}`;
      for (const key of ['apiGroups', 'resources', 'verbs'] as const) {
        const v = (r as unknown as Record<string, unknown> | undefined)?.[key];
        if (!Array.isArray(v) || (key !== 'apiGroups' && v.length === 0) || v.some((x) => typeof x !== 'string')) {
          problems.push(`${where} ${key} is not a non-empty list of strings; give one such as ${key === 'apiGroups' ? '["apps"]' : key === 'resources' ? '["deployments"]' : '["get", "list"]'}`);
        }
      }
      if (Array.isArray(r?.verbs) && r.verbs.includes('*') && Array.isArray(r.resources) && r.resources.includes('*')) {
        problems.push(`${where} allows every verb on every resource; that is cluster-admin, so grant AccessRole.CLUSTER_ADMIN explicitly instead`);
      }
    });
    return problems;
  }
}

/** The names of the built-in roles, for messages. */
export const BUILT_IN_ROLES: readonly BuiltInRoleName[] = Object.keys(BUILT_IN) as BuiltInRoleName[];
