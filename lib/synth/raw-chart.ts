import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { ResolvedCluster, ResolvedRawManifest } from '../model/resolved';
import type { ChartContribution } from './phases';

/** A raw object given by the user, added to a chart so the chart's labels apply. */
class RawObject extends ApiObject {
  constructor(scope: Construct, id: string, o: Record<string, unknown>) {
    const { apiVersion, kind, metadata, ...rest } = o as { apiVersion: string; kind: string; metadata?: Record<string, unknown> };
    super(scope, id, { apiVersion, kind, metadata: metadata as never, ...rest });
  }
}

/** The objects of one `addManifest` call, as a chart. */
export class RawManifestChart extends Chart {
  constructor(scope: Construct, id: string, manifest: ResolvedRawManifest, labels: Record<string, string>) {
    super(scope, id, { labels, disableResourceNameHashes: true });
    manifest.objects.forEach((o, i) => new RawObject(this, `o${i}`, o));
  }
}

/** One chart per raw manifest of the cluster, applied last, in the order added. */
export function rawCharts(cluster: ResolvedCluster): ChartContribution[] {
  return cluster.rawManifests.map((m, i) => ({
    phase: 'raw',
    name: `manifest-${m.id}`,
    sequence: i,
    build: (app, labels) => new RawManifestChart(app, `manifest-${m.id}`, m, labels),
  }));
}
