import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { FleetApp } from '../fleet-app';
import type { RegionalCluster } from '../regional-cluster';
import { AppChart } from './app-chart';
import { BaselineChart } from './baseline-chart';
import { identityLabels } from './labels';
import { toYaml } from './yaml';

/** One manifest file of a cluster: a chart's objects in apply order. */
export interface ManifestFile {
  /** File name, `NNNN-<chart>.k8s.yaml`, numbered in apply order. */
  readonly name: string;
  readonly objects: readonly Record<string, unknown>[];
  /** The YAML written to disk. */
  readonly content: string;
}

/** Everything synthesized for one cluster. */
export interface ClusterArtifact {
  readonly clusterId: string;
  readonly files: readonly ManifestFile[];
}

/**
 * Builds the cdk8s App of one cluster (baseline first, then its apps sorted by
 * name, then raw manifests in the order added) and renders each chart.
 * A fresh App per cluster keeps object names identical across clusters.
 */
export function synthesizeCluster(cluster: RegionalCluster, apps: readonly FleetApp[]): ClusterArtifact {
  const fleet = cluster.fleet;
  const addresses = cluster.addresses;
  if (!addresses) {
    // Validation refuses a fleet whose plan has no block for a cluster, so this is a bug in fleetform itself.
    throw new TypeError(`[${cluster.node.path}] has no address block; validate the fleet before synthesizing`);
  }
  const identity = { fleet: fleet.fleetName, clusterId: cluster.clusterId, region: cluster.region, environment: cluster.environment };
  const labels = identityLabels(identity, cluster.labels);
  const app = new App({ outdir: '.' });
  const charts: [string, Chart][] = [];
  charts.push(['baseline', new BaselineChart(app, 'baseline', {
    identity, labels, kubernetesVersion: cluster.kubernetesVersion,
    vpcCidr: addresses.vpcCidr, serviceCidr: addresses.serviceCidr, tenancy: cluster.tenancy,
  })]);
  for (const a of [...apps].sort((x, y) => (x.appName < y.appName ? -1 : 1))) {
    const name = `app-${a.appName}`;
    charts.push([name, new AppChart(app, name, { spec: a.specFor(cluster.clusterId), labels })]);
  }
  for (const m of cluster.rawManifests) {
    const name = `manifest-${m.id}`;
    const chart = new Chart(app, name, { labels, disableResourceNameHashes: true });
    m.objects.forEach((o, i) => new RawObject(chart, `o${i}`, o));
    charts.push([name, chart]);
  }
  const files = charts.map(([name, chart], i) => {
    const objects = chart.toJson() as Record<string, unknown>[];
    return { name: `${String(i).padStart(4, '0')}-${name}.k8s.yaml`, objects, content: toYaml(objects) };
  });
  return { clusterId: cluster.clusterId, files };
}

/** A raw object given by the user, added to a chart so chart labels apply. */
class RawObject extends ApiObject {
  constructor(scope: Construct, id: string, o: Record<string, unknown>) {
    const { apiVersion, kind, metadata, ...rest } = o as { apiVersion: string; kind: string; metadata?: Record<string, unknown> };
    super(scope, id, { apiVersion, kind, metadata: metadata as never, ...rest });
  }
}
