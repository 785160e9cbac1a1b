import { Construct } from 'constructs';
import { checkRegion } from './catalog/aws-regions';
import { checkKubernetesVersion } from './catalog/kubernetes-versions';
import { EnvironmentProfile } from './environment-profile';
import { checkLater } from './errors';
import { checkExplicitCidrs, ClusterAddresses } from './net/address-plan';
import { checkNodePool, NodePoolProps, NodePoolSpec, resolveNodePool } from './node-pool';
import { checkDnsLabel, checkLabels } from './naming';
import type { Fleet } from './fleet';

const CLUSTER = Symbol.for('fleetform.RegionalCluster');
const ENVIRONMENT = Symbol.for('fleetform.EnvironmentFleet');
const FLEET = Symbol.for('fleetform.Fleet');

/** Whether a cluster's nodes share hardware with other AWS customers. */
export enum Tenancy {
  /** Nodes on shared hardware (the EC2 default). */
  SHARED = 'shared',
  /** Nodes on hardware dedicated to this account, for customers that require it. */
  DEDICATED = 'dedicated',
}

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
   * Worker node pools.
   * @default - the profile's pool, else the fleet's default pool (3 workers across 3 zones)
   */
  readonly nodePools?: readonly NodePoolProps[];
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
}

/** What the cluster takes from an enclosing EnvironmentFleet. */
interface EnvironmentDefaults {
  readonly environmentName: string;
  readonly kubernetesVersion?: string;
  readonly profile: EnvironmentProfile;
  readonly tenancy?: Tenancy;
  readonly labels: Readonly<Record<string, string>>;
  readonly access: { readonly admins: readonly string[]; readonly viewers: readonly string[] };
}

/** A raw manifest added with `addManifest`. */
export interface RawManifest {
  readonly id: string;
  readonly objects: readonly Record<string, unknown>[];
}

/**
 * One EKS cluster in one AWS region: its network (allocated from the fleet's
 * address space), node pools, tenancy, and the manifests synthesized for it.
 *
 * Under an `EnvironmentFleet` its id is the region and its cluster id
 * `<environment>-<region>`; directly under the `Fleet` the cluster id is its own id.
 */
export class RegionalCluster extends Construct {
  /** Whether `x` is a RegionalCluster. */
  static isRegionalCluster(x: unknown): x is RegionalCluster {
    return typeof x === 'object' && x !== null && CLUSTER in x;
  }

  /** The cluster's fleet-wide id: its folder under `dist/` and the stem of its cloud names. */
  readonly clusterId: string;
  readonly region: string;
  readonly environment: string;
  readonly kubernetesVersion: string;
  readonly profile?: EnvironmentProfile;
  readonly nodePools: readonly NodePoolSpec[];
  readonly tenancy: Tenancy;
  readonly labels: Readonly<Record<string, string>>;
  /** IAM principals given admin or read-only access, from the environment. */
  readonly access: { readonly admins: readonly string[]; readonly viewers: readonly string[] };
  /** The explicit VPC CIDR given, if any. */
  readonly vpcCidr?: string;
  /** The explicit service CIDR given, if any. */
  readonly serviceCidr?: string;
  private readonly manifests: RawManifest[] = [];

  constructor(scope: Construct, id: string, props: RegionalClusterProps) {
    super(scope, id);
    Object.defineProperty(this, CLUSTER, { value: true });
    const env = (ENVIRONMENT in scope ? scope : undefined) as EnvironmentDefaults | undefined;
    const fleet = findFleet(this);

    this.region = props.region;
    this.environment = props.environment ?? env?.environmentName ?? 'default';
    this.clusterId = env ? `${env.environmentName}-${id}` : id;
    this.kubernetesVersion = props.kubernetesVersion ?? env?.kubernetesVersion ?? fleet.kubernetesVersion;
    this.profile = props.profile ?? env?.profile;
    const pools = props.nodePools ?? [this.profile?.nodePool ?? fleet.defaultNodePool];
    this.nodePools = pools.map(resolveNodePool);
    this.tenancy = props.tenancy ?? env?.tenancy ?? Tenancy.SHARED;
    this.labels = { ...(env?.labels ?? {}), ...(props.labels ?? {}) };
    this.access = env?.access ?? { admins: [], viewers: [] };
    this.vpcCidr = props.vpcCidr;
    this.serviceCidr = props.serviceCidr;

    checkLater(this, () => [
      checkDnsLabel('cluster id', this.clusterId, 40),
      checkDnsLabel('environment', this.environment, 32),
      checkRegion(this.region),
      checkKubernetesVersion(this.kubernetesVersion),
      ...(this.nodePools.length === 0 ? ['the cluster has no node pools; give at least one in nodePools'] : []),
      ...this.nodePools.flatMap((p) => [checkDnsLabel('node pool name', p.name, 36), ...checkNodePool(p)]),
      ...duplicatePoolNames(this.nodePools),
      ...checkLabels('label', this.labels),
      ...checkExplicitCidrs(this.vpcCidr, this.serviceCidr),
      ...(Object.values(Tenancy).includes(this.tenancy) ? [] : [`tenancy "${this.tenancy}" is unknown; use Tenancy.SHARED or Tenancy.DEDICATED`]),
    ]);
  }

  /** The fleet this cluster belongs to. */
  get fleet(): Fleet {
    return findFleet(this);
  }

  /** The cluster's network ranges, from the fleet's address plan. Undefined while the plan has errors for it. */
  get addresses(): ClusterAddresses | undefined {
    return this.fleet.addressPlan.clusters.get(this.clusterId);
  }

  /**
   * Adds raw Kubernetes objects to this cluster's manifests, applied after the
   * baseline and the apps, in a chart of their own (`manifest-<id>`).
   */
  addManifest(id: string, ...objects: Record<string, unknown>[]): void {
    checkLater(this, () => [
      checkDnsLabel('manifest id', id, 50),
      ...objects.flatMap((o, i) => (typeof o.apiVersion === 'string' && typeof o.kind === 'string'
        ? [] : [`manifest "${id}" object ${i} has no apiVersion or kind; give both, such as apiVersion "v1", kind "ConfigMap"`])),
    ]);
    this.manifests.push({ id, objects });
  }

  /** The raw manifests added, in the order added. */
  get rawManifests(): readonly RawManifest[] {
    return this.manifests;
  }
}

function duplicatePoolNames(pools: readonly NodePoolSpec[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const p of pools) {
    if (seen.has(p.name)) problems.push(`node pool name "${p.name}" is used twice; give each pool its own name`);
    seen.add(p.name);
  }
  return problems;
}

/** The Fleet at the root of a construct's tree. */
export function findFleet(c: Construct): Fleet {
  const root = c.node.root;
  if (!(FLEET in root)) {
    // A programming error in the user's code: the construct was put in a tree with no Fleet at the root.
    throw new TypeError(`[${c.node.path}] is not inside a Fleet; create it under a Fleet (new Fleet('name', {...}))`);
  }
  return root as unknown as Fleet;
}

/** Marks the classes that RegionalCluster recognizes without importing them. */
export const MARKERS = { FLEET, ENVIRONMENT } as const;
