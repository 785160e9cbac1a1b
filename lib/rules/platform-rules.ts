/** Rules of each cluster's platform: a Kubernetes version AWS still runs, a catalogue that is not out of date, and room for the apps placed on it. */
import { staleCatalogueFiles } from '../catalog/catalogue-age';
import { checkKubernetesSupport } from '../catalog/kubernetes-versions';
import { supportStatus } from '../catalog/eks-support';
import { allocatable, Allocatable, checkInstanceType } from '../catalog/instance-types';
import { cpuMillicores, formatCpu, formatMemory, memoryMiB } from '../model/quantity';
import type { AppSpec, FleetModel, ResolvedCluster, ResolvedNodePool } from '../model/resolved';
import { taintRepels } from '../node-pool';
import { FleetRule, problem, RuleFinding, warning } from './rule';

/**
 * Judged on the model's support date: clusters on a version EKS no longer runs
 * are refused; on a version in extended support (six times the control-plane
 * price) they are refused unless they opt into it (`extendedSupport`: with the
 * upgrade policy STANDARD, AWS would upgrade them by itself) and warned if they
 * did; within 60 days of leaving standard support they get a warning, with
 * the date. Versions the catalogue does not know are refused where they are set.
 */
export const kubernetesSupport: FleetRule = {
  id: 'kubernetes-support',
  description: 'clusters run a Kubernetes version EKS supports on the synth\'s day, in standard support unless they opt into extended support',
  *check(model: FleetModel): Iterable<RuleFinding> {
    // Grouped by version and upgrade policy: a STANDARD cluster past standard support is refused, an EXTENDED one warned.
    const byVersion = new Map<string, ResolvedCluster[]>();
    for (const c of model.clusters) {
      const key = `${c.kubernetesVersion}\u0000${c.supportType}`;
      byVersion.set(key, [...(byVersion.get(key) ?? []), c]);
    }
    for (const [, clusters] of [...byVersion].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const { kubernetesVersion: version, supportType } = clusters[0]!;
      if (clusters[0]!.platform === undefined) continue; // not in the catalogue: the construct that set it says so
      const { problem: p, warning: w } = checkKubernetesSupport(version, model.supportDate, supportType);
      const ids = clusters.map((c) => c.id).join(', ');
      if (p) {
        const day = supportType === 'STANDARD' && supportStatus(version, model.supportDate).status === 'extended' ? `${version} was still in standard support` : `EKS still ran ${version}`;
        yield problem(model.fleet.path, `${ids}: ${p}; or fix the fleet's supportDate to a day ${day} (to rebuild an earlier release)`);
      }
      if (w) yield warning(model.fleet.path, `${ids}: ${w}`);
    }
  },
};

/** A warning for each catalogue file read long before the support date: its versions, dates and prices may have moved. */
export const catalogueAge: FleetRule = {
  id: 'catalogue-age',
  description: 'the catalogue was read within 90 days of the synth\'s day',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const message of staleCatalogueFiles(model.supportDate)) yield warning(model.fleet.path, message);
  },
};

/** DaemonSet pods of the platform on every node (aws-node, kube-proxy, the Pod Identity agent, the EBS CSI node): they take pod slots. */
export const PLATFORM_PODS_PER_NODE = 4;

interface PoolCapacity {
  readonly pool: ResolvedNodePool;
  /** The smallest node the pool may get: the autoscaler may launch any of its instance types. */
  readonly node: Allocatable;
  readonly nodeType: string;
}

/** What an app can ask of a cluster at most: requests × its most replicas (a job's parallelism). */
function demand(spec: AppSpec): { readonly cpu: number; readonly memory: number; readonly pods: number; readonly each: { cpu: number; memory: number } } | undefined {
  const cpu = cpuMillicores(spec.resources.cpu.request);
  const memory = memoryMiB(spec.resources.memory.request);
  if (cpu === undefined || memory === undefined) return undefined; // the app reports the quantity
  // A job (or a cron job's run) runs its parallelism at once.
  const pods = spec.autoscaling?.maxReplicas ?? spec.replicas ?? spec.workload.job?.parallelism ?? 0;
  return { cpu: cpu * pods, memory: memory * pods, pods, each: { cpu, memory } };
}

function poolCapacity(pool: ResolvedNodePool): PoolCapacity | undefined {
  let smallest: PoolCapacity | undefined;
  for (const t of pool.instanceTypes) {
    const a = allocatable(t);
    if (!a) return undefined;
    if (!smallest || a.cpuMillicores < smallest.node.cpuMillicores || a.memoryMiB < smallest.node.memoryMiB) smallest = { pool, node: a, nodeType: t };
  }
  return smallest;
}

/**
 * The apps placed on a cluster must fit its node pools at their most: requests
 * × most replicas against the pools' most nodes × what each node gives pods
 * (vCPU and memory less the kubelet's reservations, pod slots less the
 * platform's DaemonSets). A warning (refused by strict synths) when they do
 * not; a problem when one replica of an app fits no node at all. An EKS Auto
 * Mode cluster has no pools and is not checked: Auto Mode launches the nodes
 * its pending pods need.
 */
export const clusterCapacity: FleetRule = {
  id: 'cluster-capacity',
  description: 'the apps of each cluster fit its node pools at their maximum size',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const c of model.clusters) yield* capacityOf(c);
  },
};

interface AppDemand {
  readonly name: string;
  readonly d: NonNullable<ReturnType<typeof demand>>;
  /** The node pool it requires, if any. */
  readonly pool?: string;
}

function* capacityOf(c: ResolvedCluster): Iterable<RuleFinding> {
  const pools = c.nodePools.map(poolCapacity);
  const unknown = c.nodePools.flatMap((p) => p.instanceTypes).filter((t) => !allocatable(t));
  if (unknown.length > 0) {
    yield warning(c.path, `capacity was not checked: ${checkInstanceType(unknown[0])}`);
    return;
  }
  const known = pools as PoolCapacity[];
  if (known.length === 0) return;
  const apps = c.apps.flatMap((a): AppDemand[] => { const d = demand(a.spec); return d ? [{ name: a.name, d, ...(a.spec.nodePool ? { pool: a.spec.nodePool.name } : {}) }] : []; });
  // Apps that require a pool run on its nodes only; the others on the pools whose taints keep no pod away.
  const untainted = known.filter((p) => !p.pool.taints.some(taintRepels));
  const all = untainted.length === known.length;
  const groups: { apps: AppDemand[]; pools: PoolCapacity[]; nodes: string; where: string }[] = [
    { apps: apps.filter((a) => a.pool === undefined), pools: untainted, nodes: `any ${all ? '' : 'untainted '}node of ${c.id}`, where: all ? 'its node pools' : 'its untainted node pools' },
    ...known.map((p) => ({ apps: apps.filter((a) => a.pool === p.pool.name), pools: [p], nodes: `any node of pool ${p.pool.name} on ${c.id}`, where: `node pool ${p.pool.name}, which they require,` })),
  ];
  for (const g of groups) {
    if (g.apps.length === 0 || g.pools.length === 0) continue; // a missing pool is reported by the app-node-pool-exists rule
    yield* fitsOneNode(c, g.apps, g.pools, g.nodes);
    yield* fitsPools(c, g.apps, g.pools, g.where);
  }
}

/** A problem for each app of which one replica fits no node of `pools`. */
function* fitsOneNode(c: ResolvedCluster, apps: readonly AppDemand[], pools: readonly PoolCapacity[], nodes: string): Iterable<RuleFinding> {
  const biggest = pools.reduce((a, b) => (b.node.cpuMillicores > a.node.cpuMillicores ? b : a));
  for (const { name, d } of apps) {
    if (d.each.cpu > biggest.node.cpuMillicores || d.each.memory > biggest.node.memoryMiB) {
      yield problem(c.path, `one replica of ${name} requests ${formatCpu(d.each.cpu)} and ${formatMemory(d.each.memory)}, more than ${nodes} gives pods (at most ${formatCpu(biggest.node.cpuMillicores)} and ${formatMemory(biggest.node.memoryMiB)} on ${biggest.nodeType}); lower its requests or add a pool of larger instances`);
    }
  }
}

/** A warning when `apps` at their most need more than `pools` give at theirs. */
function* fitsPools(c: ResolvedCluster, apps: readonly AppDemand[], pools: readonly PoolCapacity[], where: string): Iterable<RuleFinding> {
  const need = apps.reduce((n, a) => ({ cpu: n.cpu + a.d.cpu, memory: n.memory + a.d.memory, pods: n.pods + a.d.pods }), { cpu: 0, memory: 0, pods: 0 });
  const have = pools.reduce((n, p) => ({
    cpu: n.cpu + p.pool.maxSize * p.node.cpuMillicores,
    memory: n.memory + p.pool.maxSize * p.node.memoryMiB,
    pods: n.pods + p.pool.maxSize * Math.max(0, p.node.pods - PLATFORM_PODS_PER_NODE),
  }), { cpu: 0, memory: 0, pods: 0 });
  const short = [
    ...(need.cpu > have.cpu ? [`${formatCpu(need.cpu)} of CPU against ${formatCpu(have.cpu)}`] : []),
    ...(need.memory > have.memory ? [`${formatMemory(need.memory)} of memory against ${formatMemory(have.memory)}`] : []),
    ...(need.pods > have.pods ? [`${need.pods} pods against ${have.pods} pod slots`] : []),
  ];
  if (short.length === 0) return;
  const asks = apps.filter((a) => a.d.pods > 0).map((a) => `${a.name} (at most ${a.d.pods} × ${formatCpu(a.d.each.cpu)}, ${formatMemory(a.d.each.memory)})`).join(', ');
  const gives = pools.map((p) => `${p.pool.name}: at most ${p.pool.maxSize} × ${p.nodeType} (≈ ${formatCpu(p.node.cpuMillicores)}, ${formatMemory(p.node.memoryMiB)} each)`).join('; ');
  yield warning(c.path, `at their most the apps of ${c.id} need ${short.join(' and ')} — ${asks}; ${where} give ${gives}; raise a pool's maxSize, use larger instances or lower the apps' maxReplicas`);
}

/** The rules of the clusters' platform, in the order they run. */
export const PLATFORM_RULES: readonly FleetRule[] = [kubernetesSupport, catalogueAge, clusterCapacity];

/**
 * What a cluster's node pools give pods at their most (every pool at its
 * `maxSize`, each node its smallest instance type's allocatable CPU and
 * memory); undefined for an EKS Auto Mode cluster (no pools) or a pool of an
 * instance type the catalogue does not know.
 */
export function poolsCapacity(c: ResolvedCluster): { cpu: number; memory: number } | undefined {
  const pools = c.nodePools.map(poolCapacity);
  if (pools.length === 0 || pools.some((p) => p === undefined)) return undefined;
  return (pools as PoolCapacity[]).reduce((n, p) => ({ cpu: n.cpu + p.pool.maxSize * p.node.cpuMillicores, memory: n.memory + p.pool.maxSize * p.node.memoryMiB }), { cpu: 0, memory: 0 });
}
