import type { FleetWarning } from '../errors';
import type { ResolvedFleet } from '../model/resolved';
import { ChartTemplates } from './chart-templates';
import { ClusterArtifact, synthesizeCluster } from './cluster-synth';
import { FleetTopology, TOPOLOGY_FILE } from './fleet-topology';
import { buildTopology } from './topology';

/** The synthesized fleet, in memory: the resolved fleet, each cluster's manifest files, and the topology. */
export interface FleetAssembly {
  /** The resolved fleet everything here was made from. */
  readonly fleet: ResolvedFleet;
  /** Clusters sorted by id. */
  readonly clusters: readonly ClusterArtifact[];
  /** The content of `fleet.json`. */
  readonly topology: FleetTopology;
  /** `fleet.json` as written. */
  readonly topologyJson: string;
  /** What the rules warn about; synth prints them, and a strict synth refuses them. */
  readonly warnings: readonly FleetWarning[];
}

/** Synthesizes every cluster of a resolved fleet that has no problems. */
export function synthesizeFleet(fleet: ResolvedFleet, templates: ChartTemplates = new ChartTemplates()): FleetAssembly {
  if (fleet.problems.length > 0) throw new TypeError('the fleet has problems; refuse it before synthesizing (this is a bug in fleetform)');
  const clusters = fleet.clusters.map((c) => synthesizeCluster(c, fleet, templates));
  const topology = buildTopology(fleet, clusters);
  return { fleet, clusters, topology, topologyJson: `${JSON.stringify(topology, null, 2)}\n`, warnings: fleet.warnings };
}

/** The files of an assembly as the output folder holds them: relative POSIX path → content. */
export function outputFiles(assembly: FleetAssembly): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of assembly.clusters) for (const f of c.files) files.set(`${c.clusterId}/${f.name}`, f.content);
  files.set(TOPOLOGY_FILE, assembly.topologyJson);
  return files;
}
