import { Construct } from 'constructs';
import { ApiEndpoint } from './api-endpoint';
import { checkKubernetesVersion } from './catalog/kubernetes-versions';
import { claimId, enterTree } from './construct-ids';
import { EnvironmentProfile } from './environment-profile';
import { GdprZone } from './gdpr-zone';
import { otherFleetReferences } from './checks/same-fleet';
import { isIamPrincipalArn } from './checks/iam-principal';
import { checkLater, refuse } from './errors';
import { Fields, describeValue, readProps, shapes } from './input';
import { isKind } from './markers';
import { checkDnsLabel, checkLabels } from './naming';
import { CLUSTER_OPTION_FIELDS, RegionalCluster, RegionalClusterProps } from './regional-cluster';
import { Tenancy } from './tenancy';

/** Who may use the clusters of an environment. */
export interface EnvironmentAccess {
  /**
   * IAM principal ARNs (roles or users) given cluster-admin on every cluster of the environment.
   * @default - none beyond the identity that deploys
   */
  readonly admins?: readonly string[];
  /**
   * IAM principal ARNs given read-only access to every cluster of the environment.
   * @default - none
   */
  readonly viewers?: readonly string[];
}

/** Props of an {@link EnvironmentFleet}. */
export interface EnvironmentFleetProps {
  /** AWS regions; one cluster each, with the region as its id. */
  readonly regions: readonly string[];
  /**
   * Sizing and cost profile of the environment's clusters.
   * @default EnvironmentProfile.production()
   */
  readonly profile?: EnvironmentProfile;
  /**
   * Kubernetes minor version of the environment's clusters.
   * @default - the fleet's version
   */
  readonly kubernetesVersion?: string;
  /**
   * Shared or dedicated hardware for the environment's nodes.
   * @default Tenancy.SHARED
   */
  readonly tenancy?: Tenancy;
  /**
   * Access to the environment's clusters, also given to clusters added later.
   * @default - none beyond the identity that deploys
   */
  readonly access?: EnvironmentAccess;
  /**
   * Labels of every cluster of the environment.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Who can reach the API of the environment's clusters.
   * @default - the fleet's (private only)
   */
  readonly apiEndpoint?: ApiEndpoint;
  /**
   * GDPR zones the environment's clusters join, each cluster those whose
   * regions hold it (production-eu-west-1 joins an EU zone; production-us-east-1 none).
   * @default - none
   */
  readonly zones?: readonly GdprZone[];
  /**
   * The name this environment had before, when it is renamed: each of its
   * clusters keeps the address block, physical names and Kubernetes minor the
   * address lock records for `<old name>-<region>` (see `RegionalClusterProps.renamedFrom`).
   * @default - not renamed
   */
  readonly renamedFrom?: string;
}

/** Options of {@link EnvironmentFleet.addCluster}. */
export type EnvironmentClusterOptions = Omit<RegionalClusterProps, 'region' | 'environment'>;

const PRINCIPALS = shapes.list(shapes.string);
const FIELDS: Fields = {
  regions: { shape: shapes.list(shapes.string), example: '["eu-west-1", "eu-central-1"]', required: true },
  profile: CLUSTER_OPTION_FIELDS.profile,
  kubernetesVersion: CLUSTER_OPTION_FIELDS.kubernetesVersion,
  tenancy: CLUSTER_OPTION_FIELDS.tenancy,
  access: {
    shape: shapes.object({
      admins: { shape: PRINCIPALS, example: '["arn:aws:iam::123456789012:role/platform-admins"]' },
      viewers: { shape: PRINCIPALS, example: '["arn:aws:iam::123456789012:role/support"]' },
    }, 'access such as { admins: [...], viewers: [...] }'),
    example: '{ admins: ["arn:aws:iam::123456789012:role/platform-admins"] }',
  },
  labels: CLUSTER_OPTION_FIELDS.labels,
  apiEndpoint: CLUSTER_OPTION_FIELDS.apiEndpoint,
  zones: { shape: shapes.list(shapes.instance('a GdprZone', GdprZone.isGdprZone)), example: '[eu]' },
  renamedFrom: { shape: shapes.string, example: '"prod"' },
};

/**
 * The clusters of one environment (production, staging, QA, ...): one
 * RegionalCluster per region, sharing a profile, a version and access rules.
 */
export class EnvironmentFleet extends Construct {
  /** Whether `x` is an EnvironmentFleet (also one made by another copy of fleetform). */
  static isEnvironmentFleet(x: unknown): x is EnvironmentFleet {
    return isKind(x, 'environment');
  }

  /** Environment name: the construct id. */
  readonly environmentName: string;
  /** The profile of the environment's clusters. */
  readonly profile: EnvironmentProfile;
  /** The version given to the environment, if any. */
  readonly kubernetesVersion?: string;
  /** The tenancy given to the environment, if any. */
  readonly tenancy?: Tenancy;
  /** Access to every cluster of the environment. */
  readonly access: Required<EnvironmentAccess>;
  /** Labels of every cluster of the environment. */
  readonly labels: Readonly<Record<string, string>>;
  /** The API endpoint given to the environment, if any. */
  readonly apiEndpoint?: ApiEndpoint;
  /** The zones the environment's clusters join where their region is the zone's. */
  readonly zones: readonly GdprZone[];
  /** The environment's name before a rename, if it was renamed. */
  readonly renamedFrom?: string;

  constructor(scope: Construct, id: string, props: EnvironmentFleetProps) {
    super(scope, claimId(scope, id, 'environment'));
    enterTree(this, id, 'environment');
    const read = readProps<EnvironmentFleetProps>(props, FIELDS);
    const p = read.props;
    this.environmentName = this.node.id;
    this.profile = p.profile ?? EnvironmentProfile.production();
    this.kubernetesVersion = p.kubernetesVersion;
    this.tenancy = p.tenancy;
    this.access = { admins: [...(p.access?.admins ?? [])], viewers: [...(p.access?.viewers ?? [])] };
    this.labels = { ...(p.labels ?? {}) };
    this.apiEndpoint = p.apiEndpoint;
    this.zones = [...(p.zones ?? [])];
    this.renamedFrom = p.renamedFrom;
    const principals = [...this.access.admins, ...this.access.viewers];

    checkLater(this, () => [
      ...read.problems,
      checkDnsLabel('environment name', this.environmentName, 32),
      ...otherFleetReferences(this, this.zones.map((ref) => ({ what: 'zones', ref }))),
      ...(p.regions?.length === 0 ? ['the environment has no regions; list at least one, such as ["eu-west-1"]'] : []),
      ...(this.kubernetesVersion !== undefined ? [checkKubernetesVersion(this.kubernetesVersion)] : []),
      ...this.profile.problems,
      ...(this.apiEndpoint?.problems ?? []),
      ...principals.filter((a) => !isIamPrincipalArn(a))
        .map((a) => `access principal "${a}" is not an IAM role or user ARN such as arn:aws:iam::123456789012:role/platform-admins`),
      ...principals.filter((a, i, all) => all.indexOf(a) !== i)
        .map((a) => `access principal "${a}" is listed more than once; give each principal one role (admins or viewers), once`),
      ...checkLabels('label', this.labels),
    ]);

    for (const region of p.regions ?? []) {
      if (this.node.tryFindChild(region)) {
        checkLater(this, () => [`region "${region}" is listed twice; list each region once (add a second cluster in a region with addCluster and another id)`]);
        continue;
      }
      this.addCluster(region, {});
    }
  }

  /**
   * Adds a cluster in `region` to the environment.
   * @param id construct id; the cluster id becomes `<environment>-<id>`
   */
  addCluster(region: string, options: EnvironmentClusterOptions = {}, id: string = region): RegionalCluster {
    const given: object = typeof options === 'object' && options !== null ? options : {};
    if ('environment' in given || 'region' in given) {
      checkLater(this, () => [`addCluster options set ${'region' in given ? 'region' : 'environment'}; pass the region as the first argument and leave environment out (the cluster belongs to "${this.environmentName}")`]);
    }
    return new RegionalCluster(this, id, { ...given, region } as RegionalClusterProps);
  }

  /** The environment's clusters, sorted by cluster id. */
  get clusters(): RegionalCluster[] {
    return this.node.children.filter(RegionalCluster.isRegionalCluster).sort((a, b) => (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0));
  }

  /**
   * The environment's cluster whose id is `id` (the region, for clusters made from `regions`).
   * @throws FleetValidationError naming the clusters the environment has, when there is none
   */
  cluster(id: string): RegionalCluster {
    const c = typeof id === 'string' ? this.node.tryFindChild(id) : undefined;
    if (!RegionalCluster.isRegionalCluster(c)) {
      const have = this.clusters.map((x) => `"${x.node.id}"`).join(', ') || 'none';
      refuse(this.node.path, `has no cluster ${typeof id === 'string' ? `"${id}"` : describeValue(id)}; it has ${have}, so use one of them or add the region to regions`);
    }
    return c;
  }
}
