/** Node pools: the worker groups of a cluster. */
import { Fields, shapes } from './input';
import { checkDnsLabel, checkLabels } from './naming';

/** How the nodes of a pool are bought. */
export enum CapacityType {
  /** Regular on-demand instances. */
  ON_DEMAND = 'ON_DEMAND',
  /** Spot instances: cheaper, reclaimable at short notice. Suits economy environments. */
  SPOT = 'SPOT',
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
}

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
  };
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
  return problems;
}
