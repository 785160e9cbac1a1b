import { Construct } from 'constructs';
import { ApiEndpoint } from './api-endpoint';
import { checkRegion } from './catalog/aws-regions';
import { checkAddonPins, CoreAddonName } from './catalog/eks-addons';
import { checkKubernetesVersion } from './catalog/kubernetes-versions';
import { claimId, enterTree } from './construct-ids';
import { ComputeMode, EnvironmentProfile } from './environment-profile';
import { GdprZone } from './gdpr-zone';
import { otherFleetReferences } from './checks/same-fleet';
import { checkLater } from './errors';
import { Fields, describeValue, isPlainObject, readProps, shapes } from './input';
import { isManifestOptions, ManifestOptions, readExemptions } from './manifest-options';
import { isKind } from './markers';
import { checkExplicitCidrs } from './net/address-plan';
import { isNumericId, MAX_NUMERIC_ID, MIN_NUMERIC_ID } from './net/numeric-ids';
import { checkNodePools, NODE_POOL_SHAPE, NodePoolProps } from './node-pool';
import { checkDnsLabel, checkLabels } from './naming';
import { Tenancy } from './tenancy';
import { RESERVED_OUTPUT_FOLDERS } from './reserved';

/** Props of a {@link RegionalCluster}. */
export interface RegionalClusterProps {
  /** AWS region the cluster runs in, such as `eu-west-1`. */
  readonly region: string;
  /**
   * Environment the cluster belongs to.
   * @default - the enclosing EnvironmentFleet's name, or "default"
   */
  readonly environment?: string;
  /**
   * Kubernetes minor version.
   * @default - the environment's version, else the fleet's
   */
  readonly kubernetesVersion?: string;
  /**
   * Sizing and cost profile.
   * @default - the environment's profile; none for a cluster directly under the fleet
   */
  readonly profile?: EnvironmentProfile;
  /**
   * Who runs the cluster's nodes: EKS managed node groups sized by `nodePools`, or EKS Auto
   * Mode, which chooses and scales them itself (then `nodePools` is refused).
   * @default - the profile's `computeMode`, else ComputeMode.MANAGED_NODE_GROUPS
   */
  readonly computeMode?: ComputeMode;
  /**
   * Worker node pools (managed node groups; refused on an Auto Mode cluster).
   * @default - the profile's pool, else the fleet's default pool (3 workers across 3 zones); none with ComputeMode.AUTO_MODE
   */
  readonly nodePools?: readonly NodePoolProps[];
  /**
   * Accept this cluster on spot node pools alone although it is a production
   * cluster (see `EnvironmentProfileOptions.allowSpotOnly`).
   * @default - the profile's `allowSpotOnly`, else false
   */
  readonly allowSpotOnly?: boolean;
  /**
   * Let this cluster enter EKS extended support when its Kubernetes version leaves standard
   * support (see `EnvironmentProfileOptions.extendedSupport`): EKS upgrade policy `EXTENDED`,
   * $0.60 per cluster-hour instead of $0.10 once in extended support.
   * @default - the profile's `extendedSupport`, else false (upgrade policy `STANDARD`)
   */
  readonly extendedSupport?: boolean;
  /**
   * Shared or dedicated hardware for the nodes.
   * @default - the environment's tenancy, else Tenancy.SHARED
   */
  readonly tenancy?: Tenancy;
  /**
   * Labels put on every object of the cluster's manifests and recorded in the topology.
   * @default - none beyond fleetform's own
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * VPC CIDR, a /16 to /20; overrides the address plan and is checked for overlap.
   * @default - the first half of the cluster's block of the fleet's address space
   */
  readonly vpcCidr?: string;
  /**
   * Kubernetes service CIDR, a /12 to /24.
   * @default - a /20 in the second half of the cluster's block
   */
  readonly serviceCidr?: string;
  /**
   * Who can reach the cluster's Kubernetes API.
   * @default - the environment's, else the fleet's (private only)
   */
  readonly apiEndpoint?: ApiEndpoint;
  /**
   * A GDPR zone the cluster joins: it must run in one of the zone's regions,
   * and apps with residency in the zone may run on it.
   * @default - the zones of the environment whose regions hold it; none directly under the fleet
   */
  readonly zone?: GdprZone;
  /**
   * EKS add-on versions this cluster pins itself, such as
   * `{ 'aws-ebs-csi-driver': 'v1.57.1-eksbuild.1' }`, over the catalogue's choice for
   * its minor. A pin stays when the cluster's Kubernetes version changes: check it
   * with `aws eks describe-addon-versions --kubernetes-version <minor> --addon-name <name>`.
   * @default - the catalogue's pin for the cluster's minor, else EKS's default version for it, resolved at deploy
   */
  readonly addonVersions?: Readonly<Partial<Record<CoreAddonName, string>>>;
  /**
   * The id this cluster had before, when it is renamed: the cluster keeps the
   * address block, the physical names (so Pulumi keeps its EKS cluster,
   * network and everything in it) and the Kubernetes minor the address lock
   * records for the old id. Once a synth has recorded the rename, the prop may
   * stay or go. Under an environment that was renamed, give the environment's
   * `renamedFrom` instead.
   * @default - not renamed
   */
  readonly renamedFrom?: string;
  /**
   * The cluster's numeric id (1–255), for a service mesh across clusters that
   * needs one (Cilium ClusterMesh), pinned. The address lock records the id
   * given, which never moves: a pin must match it, and may not take an id the
   * lock records for another cluster or released.
   * @default - the id the address lock records, else the lowest never given
   */
  readonly numericId?: number;
}

/** The shape of {@link RegionalClusterProps} (without `region`, which `addCluster` takes apart). */
export const CLUSTER_OPTION_FIELDS: Fields = {
  environment: { shape: shapes.string, example: '"staging"' },
  kubernetesVersion: { shape: shapes.string, example: '"1.31"' },
  profile: { shape: shapes.instance('an EnvironmentProfile', EnvironmentProfile.isEnvironmentProfile), example: 'EnvironmentProfile.economy()' },
  computeMode: { shape: shapes.oneOf(Object.values(ComputeMode), 'ComputeMode.MANAGED_NODE_GROUPS or ComputeMode.AUTO_MODE'), example: 'ComputeMode.AUTO_MODE' },
  nodePools: { shape: shapes.list(NODE_POOL_SHAPE), example: '[{ name: "general", instanceTypes: ["m6i.large"] }]' },
  allowSpotOnly: { shape: shapes.boolean, example: 'true' },
  extendedSupport: { shape: shapes.boolean, example: 'true' },
  tenancy: { shape: shapes.oneOf(Object.values(Tenancy), 'Tenancy.SHARED or Tenancy.DEDICATED'), example: 'Tenancy.DEDICATED' },
  labels: { shape: shapes.record(shapes.string, 'an object of label names to string values'), example: '{ tier: "edge" }' },
  vpcCidr: { shape: shapes.string, example: '"10.100.0.0/17"' },
  serviceCidr: { shape: shapes.string, example: '"10.100.128.0/20"' },
  apiEndpoint: { shape: shapes.instance('an ApiEndpoint', ApiEndpoint.isApiEndpoint), example: 'ApiEndpoint.publicFrom("203.0.113.0/24")' },
  zone: { shape: shapes.instance('a GdprZone', GdprZone.isGdprZone), example: 'eu' },
  addonVersions: { shape: shapes.record(shapes.string, 'an object of add-on names to versions'), example: '{ "aws-ebs-csi-driver": "v1.57.1-eksbuild.1" }' },
  renamedFrom: { shape: shapes.string, example: '"prod-us-east-1"' },
  numericId: { shape: shapes.number, example: '7' },
};

const FIELDS: Fields = { region: { shape: shapes.string, example: '"eu-west-1"', required: true }, ...CLUSTER_OPTION_FIELDS };

/** A raw manifest added with `addManifest`. */
export interface RawManifest {
  readonly id: string;
  readonly objects: readonly Record<string, unknown>[];
  /** Rules of the object policy the objects are exempt from, by rule, with the reason given; sorted by rule. */
  readonly exempt: Readonly<Record<string, string>>;
}

/**
 * One EKS cluster in one AWS region: its network (allocated from the fleet's
 * address space), node pools, tenancy, and the manifests synthesized for it.
 *
 * Under an `EnvironmentFleet` its id is the region and its cluster id
 * `<environment>-<region>`; directly under the `Fleet` the cluster id is its own id.
 * The settings it inherits (version, profile, pools, tenancy, access) are
 * worked out once per synth, by `fleet.resolve()`.
 */
export class RegionalCluster extends Construct {
  /** Whether `x` is a RegionalCluster (also one made by another copy of fleetform). */
  static isRegionalCluster(x: unknown): x is RegionalCluster {
    return isKind(x, 'cluster');
  }

  /** The cluster's fleet-wide id: its folder under `dist/` and the stem of its cloud names. */
  readonly clusterId: string;
  /** AWS region. */
  readonly region: string;
  /** Environment name: the enclosing EnvironmentFleet's, else the `environment` prop, else "default". */
  readonly environment: string;
  /** The props as given, without fields of the wrong shape. */
  readonly props: Readonly<Partial<RegionalClusterProps>>;
  readonly #manifests: RawManifest[] = [];
  #decommission?: DecommissionOptions;

  constructor(scope: Construct, id: string, props: RegionalClusterProps) {
    super(scope, claimId(scope, id, 'cluster'));
    enterTree(this, id, 'cluster');
    const read = readProps<RegionalClusterProps>(props, FIELDS);
    const p = read.props;
    const environmentName = isKind(scope, 'environment') ? (scope as unknown as { environmentName: string }).environmentName : undefined;
    this.props = p;
    this.region = p.region ?? '';
    this.environment = environmentName ?? p.environment ?? 'default';
    this.clusterId = environmentName ? `${environmentName}-${this.node.id}` : this.node.id;

    checkLater(this, () => [
      ...read.problems,
      ...checkClusterId(this.clusterId, this.node.id, environmentName),
      ...(p.environment !== undefined ? [checkDnsLabel('environment', p.environment, 32)] : []),
      ...(environmentName !== undefined && p.environment !== undefined && p.environment !== environmentName
        ? [`environment "${p.environment}" differs from the enclosing environment "${environmentName}"; leave it out`] : []),
      ...(p.region !== undefined ? [checkRegion(p.region)] : []),
      ...(p.kubernetesVersion !== undefined ? [checkKubernetesVersion(p.kubernetesVersion)] : []),
      ...(p.nodePools !== undefined ? checkNodePools(p.nodePools) : []),
      ...(p.profile?.problems ?? []),
      ...(p.apiEndpoint?.problems ?? []),
      ...checkLabels('label', p.labels),
      ...checkExplicitCidrs(p.vpcCidr, p.serviceCidr),
      ...(p.numericId !== undefined && !isNumericId(p.numericId) ? [`numericId ${p.numericId} is not a whole number from ${MIN_NUMERIC_ID} to ${MAX_NUMERIC_ID}; give one in that range, or leave it out to take the lowest free id`] : []),
      ...(p.addonVersions !== undefined ? checkAddonPins(p.addonVersions) : []),
      ...otherFleetReferences(this, [{ what: 'zone', ref: p.zone }]),
    ]);
  }

  /**
   * Adds raw Kubernetes objects to this cluster's manifests, applied after
   * everything fleetform writes, in a chart of their own (`manifest-<id>`),
   * in the order added.
   *
   * Every object is held to the object policy at synth, like the objects
   * fleetform writes: the restricted pod security standard, CPU and memory
   * requests and a memory limit on every container, pinned images, and no
   * Secret with literal data. An object that breaks a rule is refused with
   * the rule's name, unless the options given before the objects exempt the
   * manifest from that rule with a reason:
   *
   * ```ts
   * cluster.addManifest('node-exporter',
   *   { exempt: { 'pod-security-restricted': 'node exporter reads the node through hostNetwork and hostPID' } },
   *   daemonSet);
   * ```
   */
  addManifest(id: string, ...objects: Record<string, unknown>[]): void;
  addManifest(id: string, options: ManifestOptions, ...objects: Record<string, unknown>[]): void;
  addManifest(id: string, ...args: unknown[]): void {
    const known = this.#manifests.some((m) => m.id === id);
    const options = isManifestOptions(args[0]) ? args[0] : undefined;
    const objects = options ? args.slice(1) : args;
    const exemptions = options ? readExemptions(String(id), options) : { exempt: {}, problems: [] };
    checkLater(this, () => [
      typeof id === 'string' ? checkDnsLabel('manifest id', id, 50) : `manifest id is ${describeValue(id)}; give a name such as "crds"`,
      ...(known ? [`manifest id "${id}" is used twice; give each addManifest call its own id`] : []),
      ...exemptions.problems,
      ...objects.flatMap((o, i) => (isPlainObject(o) && typeof o.apiVersion === 'string' && typeof o.kind === 'string'
        ? [] : [`manifest "${id}" object ${i} has no apiVersion or kind; give both, such as apiVersion "v1", kind "ConfigMap"${i === 0 && isPlainObject(o) && !('metadata' in o)
          ? '; options go before the objects as { exempt: { ... } }' : ''}`])),
    ]);
    if (!known && typeof id === 'string') this.#manifests.push({ id, objects: objects.filter(isPlainObject), exempt: exemptions.exempt });
  }

  /** The raw manifests added, in the order added. */
  get rawManifests(): readonly RawManifest[] {
    return this.#manifests;
  }

  /** The cluster id this cluster had before a rename: its own `renamedFrom`, else its environment's old name with its own id. */
  get previousId(): string | undefined {
    if (this.props.renamedFrom !== undefined) return this.props.renamedFrom;
    const env = this.node.scope as unknown as { renamedFrom?: unknown };
    return isKind(this.node.scope, 'environment') && typeof env.renamedFrom === 'string' ? `${env.renamedFrom}-${this.node.id}` : undefined;
  }

  /**
   * The first of the two steps that remove a running cluster: lifts its guards
   * (Pulumi `protect`, EKS deletion protection, keys and logs kept on delete)
   * while it keeps running. Deploy that; then remove the cluster from the code
   * and acknowledge it with `fleet.decommissioned(id)`, and the next deploy
   * deletes it. A cluster in a GDPR zone names its zones, so removing a zone's
   * capacity is a decision about the zone.
   */
  decommission(options: DecommissionOptions = {}): void {
    this.#decommission = typeof options === 'object' && options !== null ? options : {};
    const given = this.#decommission.zones;
    checkLater(this, () => (given !== undefined && !Array.isArray(given)
      ? [`decommission() zones is ${describeValue(given)}; give the zones the cluster is in, such as { zones: [eu] }`] : []));
  }

  /** The options `decommission()` was called with, or undefined when the cluster is not being decommissioned. */
  get decommissioning(): DecommissionOptions | undefined {
    return this.#decommission;
  }
}

/** Options of {@link RegionalCluster.decommission}. */
export interface DecommissionOptions {
  /**
   * The GDPR zones the cluster is in, each named to confirm that its capacity leaves the zone.
   * @default - none: refused for a cluster in a zone
   */
  readonly zones?: readonly { readonly zoneName: string }[];
}

/** Checks a cluster id; under an environment only the cluster's own part, since the environment checks its name. */
function checkClusterId(clusterId: string, ownId: string, environmentName: string | undefined): string[] {
  if (RESERVED_OUTPUT_FOLDERS.includes(clusterId)) {
    return [`cluster id "${clusterId}" names a folder of the output that holds GitOps files (${RESERVED_OUTPUT_FOLDERS.join(', ')} are kept for them); give the cluster another id`];
  }
  if (environmentName === undefined) return [checkDnsLabel('cluster id', clusterId, 40)].filter((x): x is string => x !== undefined);
  const own = checkDnsLabel('cluster id', ownId, 63);
  if (own) return [own];
  return clusterId.length > 40 ? [`cluster id "${clusterId}" is ${clusterId.length} characters long; at most 40 fit the cloud names derived from it, so shorten the environment name or the cluster id`] : [];
}
