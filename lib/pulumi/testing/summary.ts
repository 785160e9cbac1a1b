/**
 * A plan diff summed per cluster and per region: counts of create, update,
 * replace and delete, and the names of the stateful resources replaced or
 * deleted (what a platform team reviews before `pulumi up`).
 */
import type { ChangeKind, PlanDiff, ResourceChange } from './diff';
import { parseUrn, PlannedResource, providerUrn, RecordedPlan } from './plan';

/** Types whose replace or delete loses state or identity: data, addresses, names others depend on. */
export const STATEFUL_TYPES: readonly string[] = [
  'aws:eks/cluster:Cluster', 'aws:eks/nodeGroup:NodeGroup', 'aws:ec2/vpc:Vpc', 'aws:ec2/subnet:Subnet', 'aws:ec2/eip:Eip',
  'aws:kms/key:Key', 'aws:cloudwatch/logGroup:LogGroup', 'aws:route53/zone:Zone', 'aws:cloudfront/distribution:Distribution',
  'aws:acm/certificate:Certificate', 'kubernetes:core/v1:Namespace', 'kubernetes:core/v1:PersistentVolumeClaim',
];

/** What a change does to a running fleet, worst first: see {@link classifyPlanDiff}. */
export type ChangeClass = 'safe' | 'rolling' | 'destructive';

/** The class of a diff and the changes that make it so. */
export interface PlanClass {
  readonly class: ChangeClass;
  /** `<kind> <type> <name>` of each change of that class (empty for `safe`). */
  readonly because: readonly string[];
}

/**
 * Node groups and their launch templates, with the inputs whose change replaces the group's nodes
 * one at a time: the template's content (a new version), the group's template version, Kubernetes
 * version or AMI. Their tags, sizes and labels change in place. A replaced group comes up before
 * the old one drains. `*` (inputs kept only as a digest) counts as rolling.
 */
const NODE_ROLLS: Readonly<Record<string, (path: string) => boolean>> = {
  'aws:ec2/launchTemplate:LaunchTemplate': (p) => !/^(tags|description|updateDefaultVersion|defaultVersion)(\.|\[|$)/.test(p),
  'aws:eks/nodeGroup:NodeGroup': (p) => p === '*' || /^(launchTemplate|version|releaseVersion|amiType|forceUpdateVersion)(\.|\[|$)/.test(p),
};
/** Configuration objects Pulumi deletes and creates again under the same name when their data changes; their consumers keep running. */
const RECREATED_TYPES = ['kubernetes:core/v1:ConfigMap', 'kubernetes:core/v1:Secret'];
/** Workloads whose pod template change rolls their pods. */
const WORKLOAD_TYPES = ['kubernetes:apps/v1:Deployment', 'kubernetes:apps/v1:StatefulSet', 'kubernetes:apps/v1:DaemonSet'];

/**
 * Classes a diff by its worst change:
 * - `destructive`: a resource is deleted, or replaced other than as below (a cluster, a network,
 *   a key, a record, an object...: what it held or answered is gone, at least for a while);
 * - `rolling`: running capacity is replaced one piece at a time: a node group replaced, or
 *   given a new template version (its launch template's content changed), a new Kubernetes
 *   version or AMI; a workload's pod template changed; an
 *   EKS control plane's version upgraded, a ConfigMap or Secret recreated with new data;
 * - `safe`: everything else: creates and in-place updates.
 * Components are not counted (they hold nothing).
 */
export function classifyPlanDiff(diff: PlanDiff): PlanClass {
  const destructive: string[] = [];
  const rolling: string[] = [];
  for (const c of diff.changes) {
    if (!c.custom || c.kind === 'same' || c.kind === 'create') continue;
    const label = `${c.kind} ${c.type} ${c.name}`;
    if (c.kind === 'delete') destructive.push(label);
    else if (NODE_ROLLS[c.type] && (c.kind === 'replace' || c.changed.some(NODE_ROLLS[c.type]))) rolling.push(label);
    else if (NODE_ROLLS[c.type]) continue;
    else if (c.kind === 'replace') (RECREATED_TYPES.includes(c.type) && c.replaceReasons.every((r) => /^(data|binaryData|stringData|type):/.test(r)) ? rolling : destructive).push(label);
    else if (WORKLOAD_TYPES.includes(c.type) && c.changed.some((p) => p === '*' || p.startsWith('spec.template'))) rolling.push(label);
    else if (c.type === 'aws:eks/cluster:Cluster' && c.changed.some((p) => p === '*' || p === 'version')) rolling.push(label);
  }
  if (destructive.length > 0) return { class: 'destructive', because: destructive };
  return rolling.length > 0 ? { class: 'rolling', because: rolling } : { class: 'safe', because: [] };
}

/** Counts of custom resources per class. */
export type ChangeCounts = Readonly<Record<Exclude<ChangeKind, 'same'>, number>>;

/** What a diff does to one cluster (or to the resources of no cluster). */
export interface ClusterChanges {
  /** The cluster id, or undefined for resources of no cluster (providers, global routing). */
  readonly cluster?: string;
  /** The cluster's region; for resources of no cluster, `global` or their provider's region. */
  readonly region?: string;
  readonly counts: ChangeCounts;
  /** `<type> <name>` of each stateful resource replaced or deleted. */
  readonly statefulLosses: readonly string[];
  /** The changes counted, update, replace, create and delete, in plan order. */
  readonly changes: readonly ResourceChange[];
}

/** A plan diff per cluster and per region. */
export interface PlanSummary {
  /** Per cluster id, sorted; then the resources of no cluster, per region. */
  readonly clusters: readonly ClusterChanges[];
  /** Per region (`global` for global services). */
  readonly regions: Readonly<Record<string, ChangeCounts>>;
  readonly total: ChangeCounts;
}

/** Sums a diff per cluster and per region. */
export function summarizePlanDiff(diff: PlanDiff): PlanSummary {
  const after = new Placement(diff.after, diff.before);
  const before = new Placement(diff.before, diff.after);
  const groups = new Map<string, { cluster?: string; region?: string; changes: ResourceChange[] }>();
  const regions: Record<string, Record<keyof ChangeCounts, number>> = {};
  const total = zero();
  for (const c of diff.changes) {
    if (!c.custom || c.kind === 'same') continue;
    const where = c.kind === 'delete' ? before.of(c.urn) : after.of(c.urn);
    const key = where.cluster !== undefined ? `cluster ${where.cluster}` : `region ${where.region ?? 'unknown'}`;
    const group = groups.get(key) ?? { ...where, changes: [] };
    group.changes.push(c);
    groups.set(key, group);
    const region = where.region ?? 'unknown';
    regions[region] ??= zero();
    regions[region][c.kind as keyof ChangeCounts]++;
    total[c.kind as keyof ChangeCounts]++;
  }
  const clusters = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => {
    const counts = zero();
    for (const c of g.changes) counts[c.kind as keyof ChangeCounts]++;
    const statefulLosses = g.changes.filter((c) => (c.kind === 'replace' || c.kind === 'delete') && STATEFUL_TYPES.includes(c.type)).map((c) => `${c.type} ${c.name}`);
    return { ...(g.cluster !== undefined ? { cluster: g.cluster } : {}), ...(g.region !== undefined ? { region: g.region } : {}), counts, statefulLosses, changes: g.changes };
  });
  return { clusters, regions, total };
}

/** Where a resource of a plan is: its cluster and region, as {@link summarizePlanDiff} counts them. */
export interface ResourceLocation {
  /** The cluster id, or undefined for a resource of no cluster (providers, global routing). */
  readonly cluster?: string;
  /** The cluster's region; for a resource of no cluster, `global` or its provider's region. */
  readonly region?: string;
}

/** The cluster and region of every resource of one plan, by URN: the attribution {@link summarizePlanDiff} uses. */
export function locateResources(plan: RecordedPlan): ReadonlyMap<string, ResourceLocation> {
  const placement = new Placement(plan, plan);
  return new Map(plan.resources.map((r) => [r.urn, placement.of(r.urn)]));
}

/** What {@link formatPlanSummary} prints. */
export interface FormatOptions {
  /**
   * Which resources to list under each cluster, with their reasons: `destructive` the replaced and
   * deleted ones, `all` every changed one, `none` only the counts.
   * @default 'destructive'
   */
  readonly details?: 'destructive' | 'all' | 'none';
}

/** The summary as text: a line per cluster and region, and the resources the options ask for. */
export function formatPlanSummary(diff: PlanDiff, options: FormatOptions = {}): string {
  const details = options.details ?? 'destructive';
  const summary = summarizePlanDiff(diff);
  const lines = [`${diff.after.project}/${diff.after.stack}: ${countsText(summary.total)}, ${diff.counts.same} unchanged`];
  for (const g of summary.clusters) {
    const label = g.cluster !== undefined ? `cluster ${g.cluster}${g.region ? ` (${g.region})` : ''}` : `no cluster, ${g.region ?? 'unknown region'}`;
    lines.push(`${label}: ${countsText(g.counts)}${g.statefulLosses.length > 0 ? `; stateful replaced or deleted: ${g.statefulLosses.join(', ')}` : ''}`);
    for (const c of g.changes) {
      if (details === 'none' || (details === 'destructive' && c.kind !== 'replace' && c.kind !== 'delete')) continue;
      const marks = [STATEFUL_TYPES.includes(c.type) ? 'stateful' : '', c.protect ? 'protected: the apply stops here' : '', c.retainOnDelete ? 'retained on delete' : '']
        .filter(Boolean).map((m) => ` [${m}]`).join('');
      lines.push(`  ${c.kind} ${c.type} ${c.name}${marks}${c.previousUrn ? ` (was ${parseUrn(c.previousUrn).name})` : ''}`);
      for (const r of c.replaceReasons) lines.push(`    - ${r}`);
      if (c.kind === 'update' && c.changed.length > 0) lines.push(`    changed: ${c.changed.join(', ')}`);
    }
  }
  lines.push(`per region: ${Object.keys(summary.regions).sort().map((r) => `${r} ${countsText(summary.regions[r])}`).join('; ') || 'no change'}`);
  if (diff.unknownTypes.length > 0) lines.push(`types whose replacing inputs are not known (changes counted as updates): ${diff.unknownTypes.join(', ')}`);
  return lines.join('\n');
}

function zero(): Record<keyof ChangeCounts, number> {
  return { create: 0, update: 0, replace: 0, delete: 0 };
}

function countsText(c: ChangeCounts): string {
  return `${c.create} create, ${c.update} update, ${c.replace} replace, ${c.delete} delete`;
}

/**
 * Where a plan's resources are: the cluster of a resource is the
 * `fleetform:cluster` tag or `fleetform.io/cluster` label it carries, else
 * the cluster whose id its name, an ancestor's name or its provider's name
 * begins with; its region is its provider's (`global` for a provider named
 * `*-global`), or its cluster's.
 */
class Placement {
  readonly #byUrn: Map<string, PlannedResource>;
  readonly #clusterIds: string[];
  readonly #clusterRegion = new Map<string, string>();

  constructor(plan: RecordedPlan, other: RecordedPlan) {
    this.#byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const ids = new Set<string>();
    for (const r of [...plan.resources, ...other.resources]) {
      const id = taggedCluster(r);
      if (id !== undefined) ids.add(id);
    }
    // Longest first, so `customer-a-2` is not taken for `customer-a`.
    this.#clusterIds = [...ids].sort((a, b) => b.length - a.length);
    for (const r of plan.resources) {
      if (r.type !== 'aws:eks/cluster:Cluster') continue;
      const id = this.#clusterOf(r);
      const region = this.#providerRegion(r);
      if (id !== undefined && region !== undefined) this.#clusterRegion.set(id, region);
    }
  }

  of(urn: string): { cluster?: string; region?: string } {
    const r = this.#byUrn.get(urn);
    if (!r) return {};
    const cluster = this.#clusterOf(r);
    const region = (cluster !== undefined ? this.#clusterRegion.get(cluster) : undefined) ?? this.#providerRegion(r);
    return { ...(cluster !== undefined ? { cluster } : {}), ...(region !== undefined ? { region } : {}) };
  }

  #clusterOf(r: PlannedResource): string | undefined {
    const tagged = taggedCluster(r);
    if (tagged !== undefined) return tagged;
    for (let x: PlannedResource | undefined = r; x; x = x.parent ? this.#byUrn.get(x.parent) : undefined) {
      const named = this.#named(x.name);
      if (named !== undefined) return named;
    }
    return r.provider ? this.#named(parseUrn(providerUrn(r.provider)).name) : undefined;
  }

  #named(name: string): string | undefined {
    return this.#clusterIds.find((id) => name === id || name.startsWith(`${id}-`));
  }

  #providerRegion(r: PlannedResource): string | undefined {
    const provider = r.provider ? this.#byUrn.get(providerUrn(r.provider)) : r.type === 'pulumi:providers:aws' ? r : undefined;
    if (!provider) return undefined;
    if (provider.name.endsWith('-global')) return 'global';
    return typeof provider.inputs.region === 'string' ? provider.inputs.region : undefined;
  }
}

function taggedCluster(r: PlannedResource): string | undefined {
  const tags = r.inputs.tags as Record<string, unknown> | undefined;
  const labels = (r.inputs.metadata as { labels?: Record<string, unknown> } | undefined)?.labels;
  const id = tags?.['fleetform:cluster'] ?? labels?.['fleetform.io/cluster'];
  return typeof id === 'string' ? id : undefined;
}
