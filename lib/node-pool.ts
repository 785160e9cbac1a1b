/** Node pools: the worker groups of a cluster. */
import { Fields, shapes } from './input';
import { checkDnsLabel, checkLabels } from './naming';

/** The label every node of a pool carries (set on its node group), with the pool's name. */
export const NODE_POOL_LABEL = 'fleetform.io/node-pool';

/** How the nodes of a pool are bought. */
export enum CapacityType {
  /** Regular on-demand instances. */
  ON_DEMAND = 'ON_DEMAND',
  /** Spot instances: cheaper, reclaimable at short notice. Suits economy environments. */
  SPOT = 'SPOT',
}

/** What a node taint does to pods that do not tolerate it (the Kubernetes effects). */
export enum TaintEffect {
  /** New pods that do not tolerate the taint are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler avoids the node for pods that do not tolerate the taint, but may still use it. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Pods that do not tolerate the taint are not scheduled and are evicted if already running. */
  NO_EXECUTE = 'NoExecute',
}

/**
 * A taint on every node of a pool: only apps that require the pool (`nodePool`
 * on the app) tolerate it, so the pool is kept for them.
 */
export interface NodeTaint {
  /** Taint key, a label-style key such as `dedicated` or `acme.example/gpu`. */
  readonly key: string;
  /**
   * Taint value.
   * @default - none
   */
  readonly value?: string;
  /**
   * @default TaintEffect.NO_SCHEDULE
   */
  readonly effect?: TaintEffect;
}

/** A pool of worker nodes spread across the cluster's availability zones. */
export interface NodePoolProps {
  /** Pool name, a DNS-1123 label unique within the cluster. */
  readonly name: string;
  /**
   * EC2 instance types, first preferred.
   * @default ['m6i.large']
   */
  readonly instanceTypes?: readonly string[];
  /**
   * Fewest nodes the autoscaler keeps.
   * @default 3
   */
  readonly minSize?: number;
  /**
   * Nodes at creation.
   * @default minSize
   */
  readonly desiredSize?: number;
  /**
   * Most nodes the autoscaler may add.
   * @default 2 * desiredSize
   */
  readonly maxSize?: number;
  /**
   * On-demand or spot.
   * @default CapacityType.ON_DEMAND
   */
  readonly capacityType?: CapacityType;
  /**
   * Root volume size of each node in GiB.
   * @default 50
   */
  readonly diskSizeGiB?: number;
  /**
   * Kubernetes labels put on the pool's nodes.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Taints put on the pool's nodes. Pods that do not tolerate them stay off the
   * pool; an app that requires the pool (`nodePool`) tolerates them. A cluster
   * needs at least one pool whose taints keep no pod away, for the platform's
   * controllers and CoreDNS.
   * @default - none
   */
  readonly taints?: readonly NodeTaint[];
}

/** A taint with its effect filled in. */
export interface NodeTaintSpec {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

/** A node pool with every default filled in. */
export interface NodePoolSpec {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly capacityType: CapacityType;
  readonly diskSizeGiB: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly NodeTaintSpec[];
}

/** Whether a taint keeps pods that do not tolerate it off the pool (`PreferNoSchedule` only discourages them). */
export function taintRepels(t: NodeTaintSpec): boolean {
  return t.effect !== TaintEffect.PREFER_NO_SCHEDULE;
}

const TAINT_SHAPE = shapes.object({
  key: { shape: shapes.string, example: '"dedicated"', required: true },
  value: { shape: shapes.string, example: '"batch"' },
  effect: { shape: shapes.oneOf(Object.values(TaintEffect), 'TaintEffect.NO_SCHEDULE, TaintEffect.PREFER_NO_SCHEDULE or TaintEffect.NO_EXECUTE'), example: 'TaintEffect.NO_SCHEDULE' },
}, 'a taint such as { key: "dedicated", value: "batch" }');

/** The shape of {@link NodePoolProps}, for callers TypeScript does not check. */
export const NODE_POOL_FIELDS: Fields = {
  name: { shape: shapes.string, example: '"general"', required: true },
  instanceTypes: { shape: shapes.list(shapes.string), example: '["m6i.large"]' },
  minSize: { shape: shapes.number, example: '3' },
  desiredSize: { shape: shapes.number, example: '3' },
  maxSize: { shape: shapes.number, example: '6' },
  capacityType: { shape: shapes.oneOf(Object.values(CapacityType), 'CapacityType.ON_DEMAND or CapacityType.SPOT'), example: 'CapacityType.SPOT' },
  diskSizeGiB: { shape: shapes.number, example: '50' },
  labels: { shape: shapes.record(shapes.string, 'an object of label names to string values'), example: '{ tier: "web" }' },
  taints: { shape: shapes.list(TAINT_SHAPE), example: '[{ key: "dedicated", value: "batch" }]' },
};

/** The shape of a node pool, for callers TypeScript does not check. */
export const NODE_POOL_SHAPE = shapes.object(NODE_POOL_FIELDS, 'a node pool such as { name: "general" }');

/** Fills in a pool's defaults. */
export function resolveNodePool(props: NodePoolProps): NodePoolSpec {
  const minSize = props.minSize ?? 3;
  const desiredSize = props.desiredSize ?? minSize;
  return {
    name: props.name,
    instanceTypes: [...(props.instanceTypes ?? ['m6i.large'])],
    minSize,
    desiredSize,
    maxSize: props.maxSize ?? Math.max(desiredSize * 2, 1),
    capacityType: props.capacityType ?? CapacityType.ON_DEMAND,
    diskSizeGiB: props.diskSizeGiB ?? 50,
    labels: { ...(props.labels ?? {}) },
    taints: (props.taints ?? []).map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect ?? TaintEffect.NO_SCHEDULE })),
  };
}

/** Most taints EKS takes on a managed node group. */
const MAX_TAINTS = 50;

function* checkTaints(at: string, taints: readonly NodeTaintSpec[]): Iterable<string> {
  if (taints.length > MAX_TAINTS) yield `${at} has ${taints.length} taints; EKS takes at most ${MAX_TAINTS} on a node group`;
  const seen = new Set<string>();
  for (const t of taints) {
    for (const problem of checkLabels(`${at} taint`, { [t.key]: t.value ?? '' }, [])) {
      yield problem.replace('valid Kubernetes label key', 'valid taint key').replace('valid label value', 'valid taint value');
    }
    if (t.key.length > 63) yield `${at} taint key "${t.key}" is ${t.key.length} characters long; EKS takes taint keys of at most 63, prefix included`;
    if (/(^|\.)(kubernetes\.io|k8s\.io)\//.test(t.key)) yield `${at} taint key "${t.key}" uses a prefix Kubernetes reserves (kubernetes.io/, k8s.io/); use a key of your own, such as "dedicated"`;
    const id = `${t.key}:${t.effect}`;
    if (seen.has(id)) yield `${at} has two taints "${t.key}" with effect ${t.effect}; a node takes one value per key and effect, so keep one`;
    seen.add(id);
  }
}

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** Checks a resolved pool; returns problems. */
export function checkNodePool(pool: NodePoolSpec): string[] {
  const at = `node pool "${pool.name}"`;
  const problems: string[] = checkLabels(`${at} label`, pool.labels);
  for (const key of Object.keys(pool.labels)) {
    if (/(^|\.)(kubernetes\.io|k8s\.io)\//.test(key)) problems.push(`${at} label "${key}" uses a prefix Kubernetes reserves (kubernetes.io/, k8s.io/), which EKS refuses on node groups; use your own prefix`);
  }
  for (const [k, v] of [['minSize', pool.minSize], ['desiredSize', pool.desiredSize], ['maxSize', pool.maxSize]] as const) {
    if (!Number.isInteger(v) || v < 0) problems.push(`${at} ${k} is ${v}; use a whole number of nodes, 0 or more`);
  }
  if (pool.minSize > pool.desiredSize || pool.desiredSize > pool.maxSize) {
    problems.push(`${at} sizes must satisfy minSize <= desiredSize <= maxSize, got ${pool.minSize} / ${pool.desiredSize} / ${pool.maxSize}; raise maxSize or lower minSize`);
  }
  if (pool.maxSize < 1) problems.push(`${at} maxSize is ${pool.maxSize}; a pool needs room for at least one node`);
  if (pool.instanceTypes.length === 0) problems.push(`${at} has no instanceTypes; name at least one, such as "m6i.large"`);
  for (const t of pool.instanceTypes) {
    if (!INSTANCE_TYPE.test(t)) problems.push(`${at} instance type "${t}" is not an EC2 instance type such as "m6i.large"`);
  }
  if (!Number.isInteger(pool.diskSizeGiB) || pool.diskSizeGiB < 20) problems.push(`${at} diskSizeGiB is ${pool.diskSizeGiB}; use at least 20`);
  problems.push(...checkTaints(at, pool.taints));
  return problems;
}

/** Checks of a list of node pools given by the user (a cluster's, a profile's or the fleet's default). */
export function checkNodePools(pools: readonly NodePoolProps[]): string[] {
  if (pools.length === 0) return ['the cluster has no node pools; give at least one in nodePools'];
  const specs = pools.map(resolveNodePool);
  const seen = new Set<string>();
  const problems = specs.flatMap((p) => [checkDnsLabel('node pool name', p.name, 36), ...checkNodePool(p)]).filter((x): x is string => x !== undefined);
  for (const p of specs) {
    if (seen.has(p.name)) problems.push(`node pool name "${p.name}" is used twice; give each pool its own name`);
    seen.add(p.name);
  }
  const open = specs.filter((p) => !p.taints.some(taintRepels));
  if (open.length > 0 && open.every((p) => p.desiredSize === 0)) {
    problems.push(`the node pools whose taints keep no pod away (${open.map((p) => p.name).join(', ')}) start with no node (desiredSize 0): CoreDNS and the platform's controllers, the Cluster Autoscaler among them, would find no node and nothing would ever add one; give one of them a desiredSize (or minSize) of at least 1`);
  }
  if (specs.length > 0 && specs.every((p) => p.taints.some(taintRepels))) {
    problems.push(`every node pool is tainted (${specs.map((p) => p.name).join(', ')}): the platform's controllers and CoreDNS tolerate no taint of yours and would find no node; leave one pool untainted, or give its taints effect TaintEffect.PREFER_NO_SCHEDULE`);
  }
  return problems;
}
