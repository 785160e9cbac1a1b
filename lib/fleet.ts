import { RootConstruct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, checkKubernetesVersion } from './catalog/kubernetes-versions';
import { EnvironmentFleet } from './environment-fleet';
import { FleetValidationError, FleetWarning, assertNoProblems, checkLater } from './errors';
import { FleetApp } from './fleet-app';
import { Fields, describeValue, readProps, shapes } from './input';
import { readAddressLock, saveAddressLock } from './io/address-lock-file';
import { isKind, markKind } from './markers';
import { resolveFleet } from './model/resolve';
import type { ResolvedFleet } from './model/resolved';
import { AddressLock } from './net/address-lock';
import { checkAddressSpace } from './net/address-plan';
import { NODE_POOL_SHAPE, NodePoolProps, checkNodePools } from './node-pool';
import { byCodeUnit, checkDnsLabel } from './naming';
import { RegionalCluster } from './regional-cluster';
import { FLEET_RULES } from './rules';
import { FleetAssembly, outputFiles, synthesizeFleet } from './synth/assembly';
import { WriteReport, writeOutput } from './io/writer';

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
  /**
   * AWS tags put on every cloud resource of the fleet, besides fleetform's own.
   * @default - fleetform's own only
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Options of {@link Fleet.assemble}. */
export interface FleetAssembleOptions {
  /**
   * Refuse the fleet when a rule warns, as if every warning were a problem.
   * @default false
   */
  readonly strict?: boolean;
}

/** Options of {@link Fleet.synth}. */
export interface FleetSynthOptions extends FleetAssembleOptions {
  /**
   * Output folder.
   * @default 'dist'
   */
  readonly outdir?: string;
  /**
   * Called with each warning of a synth that goes ahead.
   * @default - prints `warning: [path] message` to standard error
   */
  readonly onWarning?: (warning: FleetWarning) => void;
}

/** What {@link Fleet.synth} did: the assembly, what it wrote, and the address lock. */
export interface FleetSynthResult extends FleetAssembly {
  /** Files written, left unchanged and removed in the output folder. */
  readonly report: WriteReport;
  /** The lock file used, if any, and whether this synth wrote it. */
  readonly addressLock: { readonly path?: string; readonly written: boolean };
}

const FIELDS: Fields = {
  addressSpace: { shape: shapes.string, example: '"10.64.0.0/10"' },
  clusterBlockPrefix: { shape: shapes.number, example: '16' },
  kubernetesVersion: { shape: shapes.string, example: '"1.31"' },
  defaultNodePool: { shape: NODE_POOL_SHAPE, example: '{ name: "default", instanceTypes: ["m6i.large"] }' },
  addressLock: { shape: shapes.instance('an AddressLock', AddressLock.isAddressLock), example: 'AddressLock.file("fleetform.lock.json")' },
  tags: { shape: shapes.record(shapes.string, 'an object of tag keys to string values'), example: '{ "cost-center": "shop" }' },
};

/**
 * The root of a fleet: its name, address space and defaults. Clusters,
 * environments and apps are created under it; `synth()` resolves and checks
 * the whole tree and writes each cluster's manifests and the topology.
 */
export class Fleet extends RootConstruct {
  /** Whether `x` is a Fleet (also one made by another copy of fleetform). */
  static isFleet(x: unknown): x is Fleet {
    return isKind(x, 'fleet');
  }

  /** The fleet name: the root construct id, the stem of every cloud name. */
  readonly fleetName: string;
  readonly addressSpace: string;
  readonly clusterBlockPrefix: number;
  readonly kubernetesVersion: string;
  readonly defaultNodePool: NodePoolProps;
  readonly addressLock: AddressLock;
  readonly tags: Readonly<Record<string, string>>;

  constructor(id: string, props: FleetProps = {}) {
    if (typeof id !== 'string' || id.length === 0) {
      throw new FleetValidationError([{ path: '?', message: `the fleet name is ${describeValue(id)}; give the Fleet a name such as new Fleet('acme', {...})` }]);
    }
    super(id);
    markKind(this, 'fleet');
    const read = readProps<FleetProps>(props, FIELDS);
    const p = read.props;
    this.fleetName = id;
    this.addressSpace = p.addressSpace ?? '10.64.0.0/10';
    this.clusterBlockPrefix = p.clusterBlockPrefix ?? 16;
    this.kubernetesVersion = p.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
    this.defaultNodePool = p.defaultNodePool ?? { name: 'default' };
    this.addressLock = p.addressLock ?? AddressLock.none();
    this.tags = { ...(p.tags ?? {}) };

    checkLater(this, () => [
      ...read.problems,
      checkDnsLabel('fleet name', id, 24),
      checkKubernetesVersion(this.kubernetesVersion),
      ...checkAddressSpace(this.addressSpace, this.clusterBlockPrefix),
      ...(p.defaultNodePool !== undefined ? checkNodePools([p.defaultNodePool]).map((x) => `defaultNodePool: ${x}`) : []),
    ]);
  }

  /** Every cluster of the fleet, sorted by cluster id. */
  get clusters(): RegionalCluster[] {
    return this.node.findAll().filter(RegionalCluster.isRegionalCluster).sort((a, b) => byCodeUnit(a.clusterId, b.clusterId));
  }

  /** Every environment of the fleet, sorted by name. */
  get environments(): EnvironmentFleet[] {
    return this.node.findAll().filter(EnvironmentFleet.isEnvironmentFleet).sort((a, b) => byCodeUnit(a.environmentName, b.environmentName));
  }

  /** Every app of the fleet, sorted by name. */
  get apps(): FleetApp[] {
    return this.node.findAll().filter(FleetApp.isFleetApp).sort((a, b) => byCodeUnit(a.appName, b.appName));
  }

  /** The cluster with this id, or undefined. */
  cluster(clusterId: string): RegionalCluster | undefined {
    return this.clusters.find((c) => c.clusterId === clusterId);
  }

  /**
   * Resolves the fleet: every setting filled in, addresses planned, names
   * decided, each app's spec per cluster, and the problems and warnings of
   * every check. Reads the address lock; writes nothing; never throws for a
   * mistake in the fleet (see `problems`).
   */
  resolve(): ResolvedFleet {
    return resolveFleet(this, readAddressLock(this.addressLock), FLEET_RULES);
  }

  /**
   * Resolves and checks the fleet and synthesizes it in memory without writing anything.
   * @throws FleetValidationError listing every problem (and, when strict, every warning)
   */
  assemble(options: FleetAssembleOptions = {}): FleetAssembly {
    const resolved = this.resolve();
    assertNoProblems([
      ...resolved.problems,
      ...(options.strict ? resolved.warnings.map((w) => ({ path: w.path, message: `${w.message} (warning ${w.rule}, refused by strict synth)` })) : []),
    ]);
    return synthesizeFleet(resolved);
  }

  /**
   * Resolves and checks the fleet, writes `<outdir>/<cluster-id>/NNNN-<chart>.k8s.yaml`
   * and `<outdir>/fleet.json`, and records the address plan in the lock file.
   * Nothing is written when the fleet is invalid.
   * @throws FleetValidationError listing every problem
   */
  synth(options: FleetSynthOptions = {}): FleetSynthResult {
    const assembly = this.assemble(options);
    const onWarning = options.onWarning ?? ((w: FleetWarning) => process.stderr.write(`warning: [${w.path}] ${w.message}\n`));
    assembly.warnings.forEach(onWarning);
    const report = writeOutput(options.outdir ?? 'dist', outputFiles(assembly));
    const written = saveAddressLock(this.addressLock, assembly.fleet.addressLock.next);
    return { ...assembly, report, addressLock: { path: this.addressLock.path, written } };
  }
}
