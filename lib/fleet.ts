import { Construct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, checkKubernetesVersion } from './catalog/kubernetes-versions';
import { assertNoProblems, checkLater, collectProblems, FleetProblem } from './errors';
import { FleetApp } from './fleet-app';
import { AddressLock } from './net/address-lock';
import { AddressPlan, checkAddressSpace, planAddresses } from './net/address-plan';
import { NodePoolProps } from './node-pool';
import { byCodeUnit, checkDnsLabel } from './naming';
import { MARKERS, RegionalCluster } from './regional-cluster';
import { FleetAssembly, assembleFleet, writeAssembly } from './synth/assembly';

/** Props of a {@link Fleet}. */
export interface FleetProps {
  /**
   * Private address space all cluster networks are allocated from.
   * @default '10.64.0.0/10'
   */
  readonly addressSpace?: string;
  /**
   * Length of the block each cluster gets from the address space: its VPC is
   * the first half, its service range a /(n+4) of the second half.
   * @default 16 (a /17 VPC and a /20 service range per cluster; 64 clusters in a /10)
   */
  readonly clusterBlockPrefix?: number;
  /**
   * Kubernetes minor version of clusters that do not choose one.
   * @default '1.31'
   */
  readonly kubernetesVersion?: string;
  /**
   * Node pool of clusters that neither choose pools nor belong to an environment with a profile.
   * @default - 3 m6i.large on-demand workers across 3 zones, up to 6
   */
  readonly defaultNodePool?: NodePoolProps;
  /**
   * The blocks given to clusters so far, so they keep them when others come and go.
   * @default AddressLock.none()
   */
  readonly addressLock?: AddressLock;
}

/** Options of {@link Fleet.synth}. */
export interface FleetSynthOptions {
  /**
   * Output folder.
   * @default 'dist'
   */
  readonly outdir?: string;
}

/**
 * The root of a fleet: its name, address space and defaults. Clusters,
 * environments and apps are created under it; `synth()` validates the whole
 * tree and writes each cluster's manifests and the topology.
 */
export class Fleet extends Construct {
  /** The fleet name: the root construct id, the stem of every cloud name. */
  readonly fleetName: string;
  readonly addressSpace: string;
  readonly clusterBlockPrefix: number;
  readonly kubernetesVersion: string;
  readonly defaultNodePool: NodePoolProps;
  readonly addressLock: AddressLock;
  private planCache?: { key: string; plan: AddressPlan };

  constructor(id: string, props: FleetProps = {}) {
    super(undefined as unknown as Construct, id);
    Object.defineProperty(this, MARKERS.FLEET, { value: true });
    this.fleetName = id;
    this.addressSpace = props.addressSpace ?? '10.64.0.0/10';
    this.clusterBlockPrefix = props.clusterBlockPrefix ?? 16;
    this.kubernetesVersion = props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
    this.defaultNodePool = props.defaultNodePool ?? { name: 'default' };
    this.addressLock = props.addressLock ?? AddressLock.none();

    checkLater(this, () => [
      checkDnsLabel('fleet name', id, 24),
      checkKubernetesVersion(this.kubernetesVersion),
      ...this.addressLock.problems,
      ...this.duplicateClusterIds(),
      ...this.appConflicts(),
    ]);
    // Plan problems are reported at the cluster they concern.
    checkLater(this, () => {
      const spaceProblems = checkAddressSpace(this.addressSpace, this.clusterBlockPrefix);
      return spaceProblems.length ? spaceProblems : this.addressPlan.errors.filter((e) => e.path === '').map((e) => e.message);
    });
  }

  /** Every cluster of the fleet, sorted by cluster id. */
  get clusters(): RegionalCluster[] {
    return this.node.findAll().filter(RegionalCluster.isRegionalCluster).sort((a, b) => byCodeUnit(a.clusterId, b.clusterId));
  }

  /** Every app of the fleet, sorted by name. */
  get apps(): FleetApp[] {
    return this.node.findAll().filter(FleetApp.isFleetApp).sort((a, b) => byCodeUnit(a.appName, b.appName));
  }

  /** The cluster with this id. */
  cluster(clusterId: string): RegionalCluster | undefined {
    return this.clusters.find((c) => c.clusterId === clusterId);
  }

  /** The address plan of the fleet's current clusters (recomputed when clusters change). */
  get addressPlan(): AddressPlan {
    const clusters = this.clusters;
    const key = clusters.map((c) => `${c.clusterId}=${c.vpcCidr ?? ''}/${c.serviceCidr ?? ''}`).join(',');
    if (this.planCache?.key !== key) {
      if (checkAddressSpace(this.addressSpace, this.clusterBlockPrefix).length > 0) {
        this.planCache = { key, plan: { clusters: new Map(), errors: [] } };
      } else {
        this.planCache = {
          key,
          plan: planAddresses({
            addressSpace: this.addressSpace,
            blockPrefix: this.clusterBlockPrefix,
            locked: this.addressLock.clusterBlocks,
            requests: clusters.map((c) => ({ clusterId: c.clusterId, path: c.node.path, vpcCidr: c.vpcCidr, serviceCidr: c.serviceCidr })),
          }),
        };
      }
    }
    return this.planCache.plan;
  }

  /** Every problem of the fleet: each construct's own checks and the rules across them. */
  validate(): FleetProblem[] {
    const problems = collectProblems(this);
    for (const e of this.addressPlan.errors) if (e.path !== '') problems.push(e);
    return problems;
  }

  /**
   * Validates the fleet and synthesizes it in memory without writing anything.
   * @throws FleetValidationError listing every problem
   */
  assemble(): FleetAssembly {
    assertNoProblems(this.validate());
    return assembleFleet(this);
  }

  /**
   * Validates the fleet, writes `<outdir>/<cluster-id>/NNNN-<chart>.k8s.yaml`
   * and `<outdir>/fleet.json`, and records the address plan in the lock file.
   * Nothing is written when the fleet is invalid.
   * @throws FleetValidationError listing every problem
   */
  synth(options: FleetSynthOptions = {}): FleetAssembly {
    const assembly = this.assemble();
    writeAssembly(assembly, options.outdir ?? 'dist');
    this.addressLock.save(Object.fromEntries([...this.addressPlan.clusters].map(([id, a]) => [id, a.block])));
    return assembly;
  }

  /** Apps that would write the same objects on a cluster: the same name, or the same namespace. */
  private appConflicts(): string[] {
    const problems: string[] = [];
    const apps = this.apps;
    const placed = new Map(apps.map((a) => [a, a.clusters.map((c) => c.clusterId)]));
    for (let i = 0; i < apps.length; i++) {
      for (let j = i + 1; j < apps.length; j++) {
        const [a, b] = [apps[i], apps[j]];
        if (a.appName === b.appName) {
          problems.push(`app name "${a.appName}" is used by ${a.node.path} and ${b.node.path}; give one of them another id`);
          continue;
        }
        if (a.namespace !== b.namespace) continue;
        const onBoth = new Set(placed.get(b));
        const shared = placed.get(a)!.filter((id) => onBoth.has(id));
        if (shared.length > 0) {
          problems.push(`apps ${a.node.path} and ${b.node.path} both use namespace "${a.namespace}" on ${shared.join(', ')}; give one of them a namespace of its own`);
        }
      }
    }
    return problems;
  }

  private duplicateClusterIds(): string[] {
    const byId = new Map<string, string[]>();
    for (const c of this.node.findAll().filter(RegionalCluster.isRegionalCluster)) {
      byId.set(c.clusterId, [...(byId.get(c.clusterId) ?? []), c.node.path]);
    }
    return [...byId].filter(([, paths]) => paths.length > 1)
      .map(([id, paths]) => `cluster id "${id}" is used by ${paths.join(' and ')}; give one of them another id`);
  }
}
