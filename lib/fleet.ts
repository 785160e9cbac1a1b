import { RootConstruct } from 'constructs';
import { ApiEndpoint } from './api-endpoint';
import { checkAwsTags } from './checks/aws-tags';
import { isIsoDate } from './catalog/iso-date';
import { DEFAULT_KUBERNETES_VERSION, checkKubernetesVersion } from './catalog/kubernetes-versions';
import { todayUtc } from './clock';
import { EnvironmentFleet } from './environment-fleet';
import { FleetValidationError, assertNoProblems, checkLater } from './errors';
import { FleetApp } from './fleet-app';
import { FleetTrust } from './fleet-trust';
import { Fields, describeValue, isPlainObject, readProps, shapes } from './input';
import { readAddressLock, writeAddressLock } from './io/address-lock-file';
import { resolveProjectPath } from './io/paths';
import { isKind, markKind } from './markers';
import { resolveFleet } from './model/resolve';
import type { ResolvedFleet } from './model/resolved';
import { AddressLock } from './net/address-lock';
import { checkAddressSpace } from './net/address-plan';
import { NODE_POOL_SHAPE, NodePoolProps, checkNodePools } from './node-pool';
import { byCodeUnit, checkDnsLabel } from './naming';
import { RegionalCluster } from './regional-cluster';
import { FLEETFORM_TAG_KEYS, MOST_FLEETFORM_TAGS_ON_A_RESOURCE, RESERVED_TAG_PREFIXES } from './reserved';
import { FLEET_RULES } from './rules';
import { FleetAssembly, outputPlan, synthesizeFleet } from './synth/assembly';
import { ChartTemplates } from './synth/chart-templates';
import { OutputError } from './io/output-error';
import { WriteReport, writeOutput } from './io/output-writer';

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
   * Kubernetes minor version of clusters that do not choose one. Without it, a
   * cluster the address lock records keeps the minor recorded there (a new
   * default in a fleetform release upgrades no running cluster), and a new
   * cluster gets the default.
   * @default DEFAULT_KUBERNETES_VERSION - for new clusters, the newest minor of fleetform's catalogue in EKS standard support when the catalogue was read ('1.36')
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
  /**
   * Who can reach the clusters' Kubernetes APIs, unless an environment or cluster says otherwise.
   * @default ApiEndpoint.private()
   */
  readonly apiEndpoint?: ApiEndpoint;
  /**
   * The day (`YYYY-MM-DD`, UTC) EKS support and the catalogue's age are judged on, for
   * tests and reproducible builds: a version EKS no longer runs that day is refused,
   * one in extended support or close to leaving standard support gets a warning.
   * Only problems and warnings depend on it, never the manifests or fleet.json.
   * A synth, resolve or assemble option of the same name overrides it.
   * @default - today (UTC), when the fleet is resolved
   */
  readonly supportDate?: string;
  /**
   * The fleet's trust root, for mTLS between workloads on any of its clusters: every cluster gets
   * cert-manager, an issuer chained to the root named `fleet-ca` (an `AWSPCAClusterIssuer`, or a CA
   * `ClusterIssuer` for `FleetTrust.userProvided`) and, through
   * trust-manager, the root's certificate in a ConfigMap `fleet-ca` (key `ca.crt`) of every namespace.
   * Off by default: an AWS Private CA costs $50 (short-lived mode) or $400 (general-purpose) a month.
   * @default FleetTrust.none()
   * @see FleetTrust.awsPrivateCa
   */
  readonly trust?: FleetTrust;
}

/** Options of {@link Fleet.resolve}. */
export interface FleetResolveOptions {
  /**
   * The day (`YYYY-MM-DD`, UTC) EKS support and the catalogue's age are judged on.
   * @default - the fleet's `supportDate`, else today (UTC)
   */
  readonly supportDate?: string;
}

/** Options of {@link Fleet.assemble}. */
export interface FleetAssembleOptions extends FleetResolveOptions {
  /**
   * Refuse the fleet when a rule warns, as if every warning were a problem.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Render each manifest file only when its content is first read, instead of
   * all of them before `assemble` returns: a caller that needs a few files
   * (as `fleetform diff` does for the files whose inputs changed) skips the
   * rest. The content is the same either way.
   * @default false
   */
  readonly renderOnDemand?: boolean;
}

/** What a synth does with the address lock's file. */
export type AddressLockMode =
  /** Record new blocks and releases in the file (created when missing). */
  | 'update'
  /** Plan from the file but never write it: tests and previews that must not touch the committed lock. */
  | 'read-only'
  /** Refuse the synth when the file would change: CI, to prove the committed lock covers every cluster. */
  | 'frozen';

/** Every {@link AddressLockMode}: the compiler refuses this object when a mode is added or removed. */
const ADDRESS_LOCK_MODES: Record<AddressLockMode, true> = { update: true, 'read-only': true, frozen: true };

/** Options of {@link Fleet.synth}. */
export interface FleetSynthOptions extends FleetAssembleOptions {
  /**
   * Output folder; a relative one is taken from the project root (the nearest
   * folder at or above the working directory that holds a package.json).
   * @default 'dist'
   */
  readonly outdir?: string;
  /**
   * What to do with the address lock's file.
   * @default 'update'
   */
  readonly addressLock?: AddressLockMode;
  /**
   * How long to wait, in milliseconds, while another synth writes the same output folder.
   * @default 10000
   */
  readonly outputLockTimeoutMs?: number;
  /**
   * Receives each line synth reports: warnings, and what it did with the address lock.
   * @default - prints to standard error
   */
  readonly log?: (line: string) => void;
}

/** What a synth did with the address lock. */
export interface AddressLockReport {
  /** The lock's file (absolute), if it is kept in one. */
  readonly path?: string;
  /** Whether this synth created the file. */
  readonly created: boolean;
  /** Whether this synth wrote the file. */
  readonly written: boolean;
  /** Clusters that got a block recorded for the first time. */
  readonly added: readonly string[];
  /** Clusters whose blocks were released. */
  readonly released: readonly string[];
  /** Clusters no longer in the fleet whose blocks stay reserved until released. */
  readonly retired: readonly string[];
}

/** What {@link Fleet.synth} did: the assembly, what it wrote, and the address lock. */
export interface FleetSynthResult extends FleetAssembly {
  /** Files written, left unchanged and removed in the output folder. */
  readonly report: WriteReport;
  readonly addressLock: AddressLockReport;
}

const FIELDS: Fields = {
  addressSpace: { shape: shapes.string, example: '"10.64.0.0/10"' },
  clusterBlockPrefix: { shape: shapes.number, example: '16' },
  kubernetesVersion: { shape: shapes.string, example: '"1.31"' },
  defaultNodePool: { shape: NODE_POOL_SHAPE, example: '{ name: "default", instanceTypes: ["m6i.large"] }' },
  addressLock: { shape: shapes.instance('an AddressLock', AddressLock.isAddressLock), example: 'AddressLock.file("fleetform.lock.json")' },
  // Checked in full by checkAwsTags (values, lengths, characters, count, reserved keys).
  tags: { shape: shapes.instance('an object of tag keys to string values', isPlainObject), example: '{ "cost-center": "shop" }' },
  apiEndpoint: { shape: shapes.instance('an ApiEndpoint', ApiEndpoint.isApiEndpoint), example: 'ApiEndpoint.publicFrom("203.0.113.0/24")' },
  supportDate: { shape: shapes.string, example: '"2026-11-20"' },
  trust: { shape: shapes.instance('a FleetTrust', FleetTrust.isFleetTrust), example: 'FleetTrust.awsPrivateCa({ region: "eu-west-1" })' },
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
  /** The version the program gave, if any: without one, running clusters keep the minor the address lock records. */
  readonly explicitKubernetesVersion?: string;
  readonly defaultNodePool: NodePoolProps;
  readonly addressLock: AddressLock;
  readonly tags: Readonly<Record<string, string>>;
  readonly apiEndpoint: ApiEndpoint;
  /** The day EKS support is judged on, when the fleet fixes one (otherwise the day of each resolve). */
  readonly supportDate?: string;
  /** The fleet's trust root. */
  readonly trust: FleetTrust;
  readonly #released = new Set<string>();
  readonly #decommissioned = new Set<string>();

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
    this.explicitKubernetesVersion = p.kubernetesVersion;
    this.defaultNodePool = p.defaultNodePool ?? { name: 'default' };
    this.addressLock = p.addressLock ?? AddressLock.none();
    this.tags = { ...(p.tags ?? {}) };
    this.apiEndpoint = p.apiEndpoint ?? ApiEndpoint.private();
    this.supportDate = p.supportDate;
    this.trust = p.trust ?? FleetTrust.none();

    checkLater(this, () => [
      ...read.problems,
      checkDnsLabel('fleet name', id, 24),
      checkKubernetesVersion(this.kubernetesVersion),
      ...(p.supportDate !== undefined && !isIsoDate(p.supportDate) ? [supportDateProblem('supportDate', p.supportDate)] : []),
      ...checkAddressSpace(this.addressSpace, this.clusterBlockPrefix),
      ...(p.defaultNodePool !== undefined ? checkNodePools([p.defaultNodePool]).map((x) => `defaultNodePool: ${x}`) : []),
      ...this.apiEndpoint.problems,
      ...this.trust.problemsIn(id).map((x) => `trust: ${x}`),
      ...(p.tags !== undefined ? checkAwsTags(p.tags, 'tags', {
        reservedKeys: FLEETFORM_TAG_KEYS, reservedPrefixes: RESERVED_TAG_PREFIXES, addedTagCount: MOST_FLEETFORM_TAGS_ON_A_RESOURCE,
      }) : []),
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
   * Releases the address block the lock records for a cluster that left the
   * fleet, so another cluster may get it. Call it only once the cluster's VPC
   * is gone: until then the block stays reserved, so no new network overlaps it.
   * The next synth drops the entry from the lock and reports it.
   */
  releaseAddressBlock(clusterId: string): void {
    if (typeof clusterId !== 'string') {
      checkLater(this, () => [`releaseAddressBlock was given ${describeValue(clusterId)}; give the id of the cluster whose block to release`]);
      return;
    }
    this.#released.add(clusterId);
  }

  /** Ids whose recorded address blocks this program releases. */
  get releasedBlocks(): readonly string[] {
    return [...this.#released];
  }

  /**
   * The second step of removing clusters: acknowledges that clusters the
   * address lock records and the code no longer declares were removed on
   * purpose, so a deployment deletes them (decommission them first, which
   * lifts their guards). Without it a deployment refuses a fleet whose lock
   * records a cluster the code dropped. Their address blocks stay reserved
   * until `releaseAddressBlock`. It also acknowledges a cluster left out of a
   * stack's subset that the stack deployed before, and a global load balancer,
   * by name, that a stack deployed before and deploys no more.
   */
  decommissioned(...clusterIds: string[]): void {
    for (const id of clusterIds.flat()) {
      if (typeof id !== 'string') {
        checkLater(this, () => [`decommissioned was given ${describeValue(id)}; give the ids of the clusters removed on purpose`]);
        continue;
      }
      this.#decommissioned.add(id);
    }
  }

  /** Ids of clusters (and names of load balancers) the program acknowledges as removed on purpose. */
  get decommissionedClusters(): readonly string[] {
    return [...this.#decommissioned];
  }

  /**
   * Resolves the fleet: every setting filled in, addresses planned, names
   * decided, each app's spec per cluster, and the problems and warnings of
   * every check. Reads the address lock; writes nothing; never throws for a
   * mistake in the fleet (see `problems`). EKS support is judged on
   * `options.supportDate`, else the fleet's, else today (UTC).
   */
  resolve(options: FleetResolveOptions = {}): ResolvedFleet {
    const owner = { fleet: this.fleetName, addressSpace: this.addressSpace, clusterBlockPrefix: this.clusterBlockPrefix };
    const given = (options as Record<string, unknown> | undefined)?.supportDate;
    const badOption = given !== undefined && !isIsoDate(given);
    const day = !badOption && given !== undefined ? given as string : isIsoDate(this.supportDate) ? this.supportDate : todayUtc();
    const resolved = resolveFleet(this, readAddressLock(this.addressLock, owner), FLEET_RULES, day);
    if (!badOption) return resolved;
    return { ...resolved, problems: [...resolved.problems, { path: this.node.path, message: supportDateProblem('option supportDate', given) }] };
  }

  /**
   * Resolves and checks the fleet and synthesizes it in memory without writing anything.
   * @throws FleetValidationError listing every problem (and, when strict, every warning)
   */
  assemble(options: FleetAssembleOptions = {}): FleetAssembly {
    return this.#assemble(options, (options as Record<string, unknown> | undefined)?.renderOnDemand === true);
  }

  #assemble(options: FleetAssembleOptions, lazy: boolean): FleetAssembly {
    const resolved = this.resolve(options);
    assertNoProblems([
      ...resolved.problems,
      ...(options.strict ? resolved.warnings.map((w) => ({ path: w.path, message: `${w.message} (warning ${w.rule}, refused by strict synth)` })) : []),
    ]);
    return synthesizeFleet(resolved, new ChartTemplates(), { lazy });
  }

  /**
   * Resolves and checks the fleet, writes `<outdir>/<cluster-id>/NNNN-<chart>.k8s.yaml`,
   * `<outdir>/fleet.json` and, with an `ArgoCdDelivery`, `<outdir>/argocd/*.yaml`, and
   * records the address plan in the lock file.
   * Nothing is written when the fleet is invalid.
   * @throws FleetValidationError listing every problem
   */
  synth(options: FleetSynthOptions = {}): FleetSynthResult {
    assertNoProblems(synthOptionProblems(options).map((message) => ({ path: this.node.path, message })));
    // Charts are rendered as the writer asks for them: a file whose inputs did not change since
    // the output was written is kept without rendering it (see lib/io/output-writer.ts).
    const assembly = this.#assemble(options, true);
    const lock = assembly.fleet.addressLock;
    const mode = options.addressLock ?? 'update';
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const kept = lock.path !== undefined && lock.changed;
    if (kept && mode === 'frozen') {
      assertNoProblems([{
        path: this.node.path,
        message: `the address lock ${lock.path} is not up to date (${describeLockChange(lock)}); synth without addressLock: 'frozen' and commit the lock`,
      }]);
    }
    assembly.warnings.forEach((w) => log(`warning: [${w.path}] ${w.message}`));
    // The lock is written once the new output is staged and checked, just before it is swapped in:
    // a refused output leaves the lock as it was, and a failed swap leaves blocks recorded, never lost.
    const written = kept && mode === 'update';
    let report: WriteReport;
    try {
      report = writeOutput(resolveProjectPath(options.outdir ?? 'dist'), outputPlan(assembly), {
        owner: this.fleetName,
        lockTimeoutMs: options.outputLockTimeoutMs,
        beforeCommit: written ? () => writeAddressLock(lock.path!, lock.text) : undefined,
      });
    } catch (e) {
      if (e instanceof OutputError) assertNoProblems(e.problems.map((message) => ({ path: this.node.path, message })));
      throw e;
    }
    const addressLock: AddressLockReport = {
      path: lock.path, created: written && !lock.exists, written,
      added: lock.added, released: lock.released, retired: lock.retired,
    };
    reportLock(addressLock, mode, log);
    for (const left of report.leftovers) log(`warning: [${this.node.path}] the new output is in place, but ${left} beside it could not be deleted; delete it yourself (the next synth tries again)`);
    return { ...assembly, report, addressLock };
  }
}

/** What is wrong with a day given as `what`. */
function supportDateProblem(what: string, value: unknown): string {
  return `${what} is ${describeValue(value)}; give a calendar day as "YYYY-MM-DD", such as "2026-11-20", or leave it out to judge EKS support on today`;
}

/** What is wrong with the options of synth, for JavaScript callers. */
function synthOptionProblems(options: FleetSynthOptions): string[] {
  const o = options as Record<keyof FleetSynthOptions, unknown>;
  const problems: string[] = [];
  if (o.outdir !== undefined && (typeof o.outdir !== 'string' || o.outdir.trim() === '')) problems.push(`synth option outdir is ${describeValue(o.outdir)}; give a folder path, for example "dist"`);
  if (o.addressLock !== undefined && !(typeof o.addressLock === 'string' && Object.hasOwn(ADDRESS_LOCK_MODES, o.addressLock))) problems.push(`synth option addressLock is ${describeValue(o.addressLock)}; give "update", "read-only" or "frozen"`);
  if (o.outputLockTimeoutMs !== undefined && !(typeof o.outputLockTimeoutMs === 'number' && Number.isFinite(o.outputLockTimeoutMs) && o.outputLockTimeoutMs >= 0)) {
    problems.push(`synth option outputLockTimeoutMs is ${describeValue(o.outputLockTimeoutMs)}; give a number of milliseconds, for example 10000`);
  }
  if (o.log !== undefined && typeof o.log !== 'function') problems.push(`synth option log is ${describeValue(o.log)}; give a function that takes a line`);
  if (o.supportDate !== undefined && !isIsoDate(o.supportDate)) problems.push(supportDateProblem('synth option supportDate', o.supportDate));
  return problems;
}

function describeLockChange(lock: ResolvedFleet['addressLock']): string {
  const parts = [
    ...(lock.added.length ? [`new blocks for ${lock.added.join(', ')}`] : []),
    ...(lock.released.length ? [`releases ${lock.released.join(', ')}`] : []),
    ...(lock.renamed.length ? [`renames ${lock.renamed.map((r) => `${r.from} to ${r.to}`).join(', ')}`] : []),
  ];
  return parts.join('; ') || 'what it records of the clusters changes (a version, pools, tenancy, a rename, numeric ids or its format)';
}

function reportLock(r: AddressLockReport, mode: AddressLockMode, log: (line: string) => void): void {
  if (r.path === undefined) return;
  if (r.created) log(`address lock: created ${r.path}; commit it`);
  else if (r.written) log(`address lock: updated ${r.path}${r.added.length ? ` (new: ${r.added.join(', ')})` : ''}; commit it`);
  else if (mode === 'read-only' && (r.added.length > 0 || r.released.length > 0)) log(`address lock: ${r.path} left as it is (read-only synth)`);
  for (const id of r.released) log(`address lock: released the block of "${id}"`);
  if (r.retired.length > 0) log(`address lock: blocks of ${r.retired.join(', ')} (no longer in the fleet) stay reserved until released with fleet.releaseAddressBlock()`);
}
