import type { Fleet } from '../fleet';
import { ChartTemplates } from './chart-templates';
import { ClusterArtifact, synthesizeCluster } from './cluster-synth';
import { buildTopology } from './topology';
import { WriteReport, writeOutput } from './writer';

/** The synthesized fleet, in memory: per cluster its manifest files, and the topology. */
export interface FleetAssembly {
  /** Clusters sorted by id. */
  readonly clusters: readonly ClusterArtifact[];
  /** The content of `fleet.json`. */
  readonly topology: Record<string, unknown>;
  /** `fleet.json` as written. */
  readonly topologyJson: string;
  /** What the last write changed, once written. */
  report?: WriteReport;
}

/** Synthesizes every cluster of a validated fleet. */
export function assembleFleet(fleet: Fleet, templates: ChartTemplates = new ChartTemplates()): FleetAssembly {
  const apps = fleet.apps;
  const placed = new Map(apps.map((a) => [a, new Set(a.clusters.map((c) => c.clusterId))]));
  const clusters = fleet.clusters.map((c) => synthesizeCluster(c, apps.filter((a) => placed.get(a)!.has(c.clusterId)), templates));
  const topology = buildTopology(fleet, new Map(clusters.map((c) => [c.clusterId, c])));
  return { clusters, topology, topologyJson: `${JSON.stringify(topology, null, 2)}\n` };
}

/** Writes an assembly to `outdir`; unchanged files are left untouched. */
export function writeAssembly(assembly: FleetAssembly, outdir: string): WriteReport {
  const files = new Map(assembly.clusters.map((c) => [c.clusterId, new Map(c.files.map((f) => [f.name, f.content]))]));
  assembly.report = writeOutput(outdir, files, assembly.topologyJson);
  return assembly.report;
}
