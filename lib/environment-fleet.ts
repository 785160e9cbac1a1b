import { Construct } from 'constructs';
import { checkKubernetesVersion } from './catalog/kubernetes-versions';
import { EnvironmentProfile } from './environment-profile';
import { checkLater } from './errors';
import { checkDnsLabel, checkLabels } from './naming';
import { MARKERS, RegionalCluster, RegionalClusterProps, Tenancy } from './regional-cluster';

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
}

/** Options of {@link EnvironmentFleet.addCluster}. */
export type EnvironmentClusterOptions = Omit<RegionalClusterProps, 'region' | 'environment'>;

const IAM_PRINCIPAL = /^arn:aws:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

/**
 * The clusters of one environment (production, staging, QA, ...): one
 * RegionalCluster per region, sharing a profile, a version and access rules.
 */
export class EnvironmentFleet extends Construct {
  /** Environment name: the construct id. */
  readonly environmentName: string;
  readonly profile: EnvironmentProfile;
  readonly kubernetesVersion?: string;
  readonly tenancy?: Tenancy;
  readonly access: Required<EnvironmentAccess>;
  readonly labels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: EnvironmentFleetProps) {
    super(scope, id);
    Object.defineProperty(this, MARKERS.ENVIRONMENT, { value: true });
    this.environmentName = id;
    this.profile = props.profile ?? EnvironmentProfile.production();
    this.kubernetesVersion = props.kubernetesVersion;
    this.tenancy = props.tenancy;
    this.access = { admins: [...(props.access?.admins ?? [])], viewers: [...(props.access?.viewers ?? [])] };
    this.labels = { ...(props.labels ?? {}) };

    checkLater(this, () => [
      checkDnsLabel('environment name', id, 32),
      ...(props.regions.length === 0 ? ['the environment has no regions; list at least one, such as ["eu-west-1"]'] : []),
      ...(this.kubernetesVersion ? [checkKubernetesVersion(this.kubernetesVersion)] : []),
      ...[...this.access.admins, ...this.access.viewers].filter((a) => !IAM_PRINCIPAL.test(a))
        .map((a) => `access principal "${a}" is not an IAM role or user ARN such as arn:aws:iam::123456789012:role/platform-admins`),
      ...[...this.access.admins, ...this.access.viewers].filter((a, i, all) => all.indexOf(a) !== i)
        .map((a) => `access principal "${a}" is listed more than once; give each principal one role (admins or viewers), once`),
      ...checkLabels('label', this.labels),
    ]);

    for (const region of props.regions) {
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
  addCluster(region: string, options: EnvironmentClusterOptions, id: string = region): RegionalCluster {
    return new RegionalCluster(this, id, { ...options, region });
  }

  /** The environment's clusters, sorted by cluster id. */
  get clusters(): RegionalCluster[] {
    return this.node.children.filter(RegionalCluster.isRegionalCluster).sort((a, b) => (a.clusterId < b.clusterId ? -1 : 1));
  }

  /** The environment's cluster in `region` with the region as id. */
  cluster(region: string): RegionalCluster {
    const c = this.node.tryFindChild(region);
    if (!RegionalCluster.isRegionalCluster(c)) {
      throw new TypeError(`[${this.node.path}] has no cluster "${region}"; it has ${this.clusters.map((x) => x.node.id).join(', ') || 'none'}`);
    }
    return c;
  }
}
