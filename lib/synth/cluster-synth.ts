import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { FleetApp } from '../fleet-app';
import type { RegionalCluster } from '../regional-cluster';
import { AppChart } from './app-chart';
import { BaselineChart } from './baseline-chart';
import { ChartTemplates, ClusterChart, renderChart } from './chart-templates';
import { ClusterIdentity, identityLabels } from './labels';

/** One manifest file of a cluster: a chart's objects in apply order. */
export interface ManifestFile {
  /** File name, `NNNN-<chart>.k8s.yaml`, numbered in apply order. */
  readonly name: string;
  /** The YAML written to disk. */
  readonly content: string;
  /** The chart's objects (a fresh copy on each access, parsed on demand). */
  readonly objects: readonly Record<string, unknown>[];
}

/** Everything synthesized for one cluster. */
export interface ClusterArtifact {
  readonly clusterId: string;
  readonly files: readonly ManifestFile[];
}

/**
 * Renders the charts of one cluster: the baseline first, then its apps sorted
 * by name, then raw manifests in the order added. Each chart is rendered in a
 * fresh cdk8s App, so object names are identical across clusters; app charts
 * come from `templates` when another cluster already rendered the same app
 * with the same labels.
 */
export function synthesizeCluster(cluster: RegionalCluster, apps: readonly FleetApp[], templates: ChartTemplates = new ChartTemplates()): ClusterArtifact {
  const fleet = cluster.fleet;
  const addresses = cluster.addresses;
  if (!addresses) {
    // Validation refuses a fleet whose plan has no block for a cluster, so this is a bug in fleetform itself.
    throw new TypeError(`[${cluster.node.path}] has no address block; validate the fleet before synthesizing`);
  }
  const identity: ClusterIdentity = { fleet: fleet.fleetName, clusterId: cluster.clusterId, region: cluster.region, environment: cluster.environment };
  const labels = identityLabels(identity, cluster.labels);
  const charts: [string, ClusterChart][] = [];

  const baseline = renderChart((app) => new BaselineChart(app, 'baseline', {
    identity, labels, kubernetesVersion: cluster.kubernetesVersion,
    vpcCidr: addresses.vpcCidr, serviceCidr: addresses.serviceCidr, tenancy: cluster.tenancy,
  }));
  charts.push(['baseline', { yaml: baseline.yaml, objects: () => baseline.objects.map((o) => structuredClone(o)) }]);

  const clusterLabels = JSON.stringify(Object.keys(cluster.labels).sort().map((k) => [k, cluster.labels[k]]));
  for (const a of [...apps].sort((x, y) => (x.appName < y.appName ? -1 : 1))) {
    const name = `app-${a.appName}`;
    const spec = a.specFor(cluster.clusterId);
    charts.push([name, templates.chart(`${name}\u0000${JSON.stringify(spec)}\u0000${clusterLabels}`, identity,
      (id, app) => new AppChart(app, name, { spec, labels: identityLabels(id, cluster.labels) }))]);
  }

  for (const m of cluster.rawManifests) {
    const name = `manifest-${m.id}`;
    const raw = renderChart((app) => {
      const chart = new Chart(app, name, { labels, disableResourceNameHashes: true });
      m.objects.forEach((o, i) => new RawObject(chart, `o${i}`, o));
      return chart;
    });
    charts.push([name, { yaml: raw.yaml, objects: () => raw.objects.map((o) => structuredClone(o)) }]);
  }

  const files = charts.map(([name, chart], i): ManifestFile => ({
    name: `${String(i).padStart(4, '0')}-${name}.k8s.yaml`,
    content: chart.yaml,
    get objects() { return chart.objects(); },
  }));
  return { clusterId: cluster.clusterId, files };
}

/** A raw object given by the user, added to a chart so chart labels apply. */
class RawObject extends ApiObject {
  constructor(scope: Construct, id: string, o: Record<string, unknown>) {
    const { apiVersion, kind, metadata, ...rest } = o as { apiVersion: string; kind: string; metadata?: Record<string, unknown> };
    super(scope, id, { apiVersion, kind, metadata: metadata as never, ...rest });
  }
}
