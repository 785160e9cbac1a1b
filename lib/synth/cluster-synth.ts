import type { ResolvedCluster, ResolvedFleet } from '../model/resolved';
import { appCharts } from './app-chart';
import { autoModeCharts } from './auto-mode-chart';
import { accessCharts } from './access-chart';
import { secretStoreCharts } from './secret-store-chart';
import { trustCharts } from './trust-chart';
import { baselineCharts } from './baseline-chart';
import { ChartTemplates, ClusterChart, renderChart, renderedOnDemand } from './chart-templates';
import { inputDigest } from './input-digest';
import { ClusterValues, identityLabels } from './labels';
import { byApplyOrder, ChartContribution, ClusterContributor, fileNumber, Phase } from './phases';
import { rawCharts } from './raw-chart';
import { edgeCharts } from './edge-chart';
import { storageCharts } from './storage-chart';

/** One manifest file of a cluster: a chart's objects in apply order. */
export interface ManifestFile {
  /** File name, `NNNN-<chart>.k8s.yaml`, numbered by phase (see `phases.ts`). */
  readonly name: string;
  /** Chart name, unique on the cluster. */
  readonly chart: string;
  readonly phase: Phase;
  /** The YAML written to disk (rendered on first access; from a template, made again on each access). */
  readonly content: string;
  /** The chart's objects (a fresh copy on each access, parsed on demand). */
  readonly objects: readonly Record<string, unknown>[];
  /** How many objects the chart has, counted in its YAML rather than parsed. */
  readonly objectCount: number;
}

/** What a file is made from and how, for the output writer; kept apart from the public shape of a file. */
export interface FileSource {
  /** Digest of everything the content is made from, when the chart says what that is. */
  readonly input?: string;
  readonly chart: ClusterChart;
  /** The number of objects, once known from content rendered or read back. */
  objectCount?: number;
}

const sources = new WeakMap<ManifestFile, FileSource>();

/** The source of a file this module made. */
export function sourceOf(file: ManifestFile): FileSource | undefined {
  return sources.get(file);
}

/** The number of YAML documents in a file as fleetform writes them (documents joined by `---` lines). */
export function countDocuments(text: string | Buffer): number {
  if (text.length === 0) return 0;
  let count = 1;
  for (let i = text.indexOf('\n---\n'); i >= 0; i = text.indexOf('\n---\n', i + 1)) count++;
  return count;
}

/** Everything synthesized for one cluster. */
export interface ClusterArtifact {
  readonly clusterId: string;
  /** In apply order. */
  readonly files: readonly ManifestFile[];
}

/** The parts of the fleet that put charts on clusters, in no particular order (phases order them). */
export const CONTRIBUTORS: readonly ClusterContributor[] = [baselineCharts, accessCharts, autoModeCharts, storageCharts, secretStoreCharts, trustCharts, appCharts, edgeCharts, rawCharts];

/**
 * The charts of one cluster in apply order, rendered when first read. Each
 * chart is rendered in a fresh cdk8s App, so object names are identical across
 * clusters; charts with a template key come from `templates` when another
 * cluster already rendered the same chart with the same labels. Each file
 * carries a digest of its inputs (see `sourceOf`).
 */
export function synthesizeCluster(
  cluster: ResolvedCluster,
  fleet: ResolvedFleet,
  templates: ChartTemplates = new ChartTemplates(),
  contributors: readonly ClusterContributor[] = CONTRIBUTORS,
): ClusterArtifact {
  if (!cluster.network) {
    // Validation refuses a fleet whose plan has no block for a cluster, so this is a bug in fleetform itself.
    throw new TypeError(`[${cluster.path}] has no address block; resolve and validate the fleet before synthesizing`);
  }
  const identity: ClusterValues = {
    fleet: fleet.fleet.name, clusterId: cluster.id, region: cluster.region, environment: cluster.environment,
    loadBalancerRange: cluster.network.publicRange,
  };
  const labels = identityLabels(identity, cluster.labels);
  const labelsKey = JSON.stringify(Object.entries(cluster.labels));
  const contributions = contributors.flatMap((contribute) => contribute(cluster, fleet)).sort(byApplyOrder);

  const given = { values: JSON.stringify(identity), labels: JSON.stringify(labels) };
  const names = new Set<string>();
  const files = contributions.map((c): ManifestFile => {
    if (names.has(c.name)) throw new TypeError(`[${cluster.path}] two charts are named "${c.name}"; this is a bug in fleetform`);
    names.add(c.name);
    const source = sourceFor(c, identity, labels, labelsKey, cluster, templates, given);
    const file: ManifestFile = {
      name: `${String(fileNumber(c)).padStart(4, '0')}-${c.name}.k8s.yaml`,
      chart: c.name,
      phase: c.phase,
      get content() { return source.chart.yaml(); },
      get objects() { return source.chart.objects(); },
      get objectCount() { return (source.objectCount ??= countDocuments(source.chart.yaml())); },
    };
    sources.set(file, source);
    return file;
  });
  return { clusterId: cluster.id, files };
}

function sourceFor(
  c: ChartContribution, identity: ClusterValues, labels: Record<string, string>, labelsKey: string, cluster: ResolvedCluster, templates: ChartTemplates,
  given: { readonly values: string; readonly labels: string },
): FileSource {
  const values = given.values;
  if (c.templateKey !== undefined) {
    const { key, digest } = templates.keyOf(c.name, c.templateKey, labelsKey);
    const chart = templates.chart(key, identity, (id, app) => c.build(app, identityLabels(id, cluster.labels), id));
    return { chart, input: inputDigest(['template', digest, values]) };
  }
  const chart: ClusterChart = renderedOnDemand(() => renderChart((app) => c.build(app, labels, identity)));
  return { chart, ...(c.inputKey !== undefined ? { input: inputDigest(['chart', c.name, c.inputKey, given.labels, values]) } : {}) };
}
