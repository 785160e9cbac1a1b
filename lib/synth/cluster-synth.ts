import type { ResolvedCluster, ResolvedFleet } from '../model/resolved';
import { appCharts } from './app-chart';
import { baselineCharts } from './baseline-chart';
import { ChartTemplates, ClusterChart, renderChart } from './chart-templates';
import { ClusterValues, identityLabels } from './labels';
import { byApplyOrder, ChartContribution, ClusterContributor, fileNumber, Phase } from './phases';
import { rawCharts } from './raw-chart';
import { edgeCharts } from './edge-chart';

/** One manifest file of a cluster: a chart's objects in apply order. */
export interface ManifestFile {
  /** File name, `NNNN-<chart>.k8s.yaml`, numbered by phase (see `phases.ts`). */
  readonly name: string;
  /** Chart name, unique on the cluster. */
  readonly chart: string;
  readonly phase: Phase;
  /** The YAML written to disk. */
  readonly content: string;
  /** The chart's objects (a fresh copy on each access, parsed on demand). */
  readonly objects: readonly Record<string, unknown>[];
}

/** Everything synthesized for one cluster. */
export interface ClusterArtifact {
  readonly clusterId: string;
  /** In apply order. */
  readonly files: readonly ManifestFile[];
}

/** The parts of the fleet that put charts on clusters, in no particular order (phases order them). */
export const CONTRIBUTORS: readonly ClusterContributor[] = [baselineCharts, appCharts, edgeCharts, rawCharts];

/**
 * Renders the charts of one cluster in apply order. Each chart is rendered in
 * a fresh cdk8s App, so object names are identical across clusters; charts
 * with a template key come from `templates` when another cluster already
 * rendered the same chart with the same labels.
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

  const names = new Set<string>();
  const files = contributions.map((c): ManifestFile => {
    if (names.has(c.name)) throw new TypeError(`[${cluster.path}] two charts are named "${c.name}"; this is a bug in fleetform`);
    names.add(c.name);
    const chart = render(c, identity, labels, labelsKey, cluster, templates);
    return {
      name: `${String(fileNumber(c)).padStart(4, '0')}-${c.name}.k8s.yaml`,
      chart: c.name,
      phase: c.phase,
      content: chart.yaml,
      get objects() { return chart.objects(); },
    };
  });
  return { clusterId: cluster.id, files };
}

function render(c: ChartContribution, identity: ClusterValues, labels: Record<string, string>, labelsKey: string, cluster: ResolvedCluster, templates: ChartTemplates): ClusterChart {
  if (c.templateKey !== undefined) {
    return templates.chart(`${c.name}\u0000${c.templateKey}\u0000${labelsKey}`, identity,
      (id, app) => c.build(app, identityLabels(id, cluster.labels), id));
  }
  const rendered = renderChart((app) => c.build(app, labels, identity));
  return { yaml: rendered.yaml, objects: () => rendered.objects.map((o) => structuredClone(o)) };
}
