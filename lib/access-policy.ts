import { Construct } from 'constructs';
import { AccessRole } from './access-role';
import { AccessSubjects, checkNamespaces, checkSubjects, referenceName, ROLE_SHAPE, roleOf, SUBJECT_FIELDS } from './access-scope';
import { otherFleetReferences } from './checks/same-fleet';
import { claimId, enterTree } from './construct-ids';
import { checkLater } from './errors';
import type { GdprZone } from './gdpr-zone';
import { Fields, readProps, shapes } from './input';
import { isKind } from './markers';
import type { RegionalCluster } from './regional-cluster';

/** Props of an {@link AccessPolicy}. */
export interface AccessPolicyProps extends AccessSubjects {
  /** What the principals and groups may do. */
  readonly role: AccessRole;
  /**
   * Only the clusters of these environments.
   * @default - every environment
   */
  readonly environments?: readonly string[];
  /**
   * Only the clusters in these AWS regions.
   * @default - every region
   */
  readonly regions?: readonly string[];
  /**
   * Only the member clusters of these GDPR zones (the zone or its name).
   * @default - every cluster, member or not
   */
  readonly zones?: readonly (GdprZone | string)[];
  /**
   * Only these clusters (the cluster or its id).
   * @default - every cluster
   */
  readonly clusters?: readonly (RegionalCluster | string)[];
  /**
   * Only these namespaces of each cluster reached (not with `AccessRole.CLUSTER_ADMIN`).
   * Kubernetes groups and custom roles are bound by RoleBindings, so their namespaces
   * must be those of apps running on the cluster.
   * @default - the whole cluster
   */
  readonly namespaces?: readonly string[];
}

const REFERENCE = (what: string, kind: 'zone' | 'cluster') => shapes.list(shapes.either(`a ${what} or its name`, shapes.string, shapes.instance(`a ${what}`, (x) => isKind(x, kind))));

const FIELDS: Fields = {
  role: { shape: ROLE_SHAPE, example: 'AccessRole.VIEW', required: true },
  ...SUBJECT_FIELDS,
  environments: { shape: shapes.list(shapes.string), example: '["production"]' },
  regions: { shape: shapes.list(shapes.string), example: '["eu-west-1"]' },
  zones: { shape: REFERENCE('GdprZone', 'zone'), example: '[eu]' },
  clusters: { shape: REFERENCE('RegionalCluster', 'cluster'), example: '["production-eu-west-1"]' },
  namespaces: { shape: shapes.list(shapes.string), example: '["payments"]' },
};

/**
 * Who may do what, declared once for the whole fleet: IAM principals and
 * Kubernetes groups given a role on every cluster the scope selects (the
 * fleet, or its environments, regions, zones or clusters; optionally only
 * some namespaces). Each scope given narrows the ones before it. A cluster
 * added later to a selected environment, region or zone gets the grant too.
 *
 * Realised on each cluster as an EKS access entry per principal with the
 * role's EKS access policy (cluster or namespace scope); a custom role as the
 * entry's Kubernetes group bound by RBAC to a ClusterRole fleetform writes;
 * Kubernetes groups as RBAC bindings. No `aws-auth` ConfigMap.
 */
export class AccessPolicy extends Construct {
  /** Whether `x` is an AccessPolicy (also one made by another copy of fleetform). */
  static isAccessPolicy(x: unknown): x is AccessPolicy {
    return isKind(x, 'accessPolicy');
  }

  /** The policy's name: its construct id. */
  readonly policyName: string;
  /** The role granted; undefined when the one given does not exist (a problem says so). */
  readonly role?: AccessRole;
  /** The props as given, without fields of the wrong shape. */
  readonly props: Readonly<Partial<AccessPolicyProps>>;

  constructor(scope: Construct, id: string, props: AccessPolicyProps) {
    super(scope, claimId(scope, id, 'access policy'));
    enterTree(this, id, 'accessPolicy');
    const read = readProps<AccessPolicyProps>(props, FIELDS);
    this.policyName = this.node.id;
    this.props = read.props;
    const role = roleOf(read.props.role);
    this.role = role.role;
    const p = read.props;
    checkLater(this, () => [
      ...read.problems,
      ...role.problems,
      ...checkSubjects(p),
      ...checkNamespaces(p.namespaces),
      ...(this.role === AccessRole.CLUSTER_ADMIN && p.namespaces !== undefined
        ? ['AccessRole.CLUSTER_ADMIN is cluster-wide and cannot be scoped to namespaces; use AccessRole.ADMIN for namespaces, or drop namespaces'] : []),
      ...otherFleetReferences(this, [...(p.zones ?? []), ...(p.clusters ?? [])].map((ref) => ({ what: 'scope', ref }))),
    ]);
  }

  /** Names of the zones the grant is scoped to, if any. */
  get zoneNames(): readonly string[] | undefined {
    return this.props.zones?.map((z) => referenceName(z) ?? '');
  }

  /** Ids of the clusters the grant is scoped to, if any. */
  get clusterIds(): readonly string[] | undefined {
    return this.props.clusters?.map((c) => referenceName(c) ?? '');
  }
}
