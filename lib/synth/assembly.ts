import type { FleetWarning } from '../errors';
import type { ResolvedFleet } from '../model/resolved';
import { argoCdOutput, GitOpsOutput } from './argocd';
import { ChartTemplates } from './chart-templates';
import { ClusterArtifact, countDocuments, sourceOf, synthesizeCluster } from './cluster-synth';
import { FleetTopology, TOPOLOGY_FILE } from './fleet-topology';
import { rendererId } from './input-digest';
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
  /** The Argo CD objects written to `<outdir>/argocd/`, when the fleet has an `ArgoCdDelivery`. */
  readonly argoCd?: GitOpsOutput;
}

/**
 * Synthesizes every cluster of a resolved fleet that has no problems. Every
 * chart is rendered (once per template) before this returns, so a chart that
 * cannot be rendered fails here; with `lazy`, charts are rendered only when a
 * file's content or objects are first read (what a synth into a folder that
 * already holds most of the output needs). Either way a file made from a
 * template holds no text of its own: it is made again from the template when read.
 */
export function synthesizeFleet(fleet: ResolvedFleet, templates: ChartTemplates = new ChartTemplates(), options: { readonly lazy?: boolean } = {}): FleetAssembly {
  if (fleet.problems.length > 0) throw new TypeError('the fleet has problems; refuse it before synthesizing (this is a bug in fleetform)');
  if (options.lazy) return lazyAssembly(fleet, templates);
  const clusters = fleet.clusters.map((c) => synthesizeCluster(c, fleet, templates));
  for (const c of clusters) for (const f of c.files) sourceOf(f)?.chart.prepare();
  const topology = buildTopology(fleet, clusters);
  const argoCd = argoCdOutput(fleet);
  return { fleet, clusters, topology, topologyJson: `${JSON.stringify(topology, null, 2)}\n`, warnings: fleet.warnings, ...(argoCd ? { argoCd } : {}) };
}

/**
 * An assembly whose parts are made when first read: each cluster's files (so a
 * caller that reads one cluster's, as a stack of one cluster does, pays for
 * that cluster alone), and the topology. What is read is the same as an eager
 * assembly's: templates make the same text whichever cluster reads them first.
 */
function lazyAssembly(fleet: ResolvedFleet, templates: ChartTemplates): FleetAssembly {
  const clusters = fleet.clusters.map((c): ClusterArtifact => {
    let files: ClusterArtifact['files'] | undefined;
    return {
      clusterId: c.id,
      get files() {
        return (files ??= synthesizeCluster(c, fleet, templates).files);
      },
    };
  });
  let topology: FleetTopology | undefined;
  let topologyJson: string | undefined;
  const argoCd = argoCdOutput(fleet);
  return {
    ...(argoCd ? { argoCd } : {}),
    fleet,
    clusters,
    get topology() {
      return (topology ??= buildTopology(fleet, clusters));
    },
    get topologyJson() {
      return (topologyJson ??= `${JSON.stringify(this.topology, null, 2)}\n`);
    },
    warnings: fleet.warnings,
  };
}

/** A file of the output, as the output writer takes it (the same shape as its `PlannedFile`). */
export interface OutputFileSource {
  readonly input?: string;
  render(): string;
  /** Told the file's object count (`measure`) when the writer kept it without rendering it. */
  kept(objects: number | undefined): void;
}

/** The new output as the writer and `fleetform diff` take it (the shape of the writer's `OutputPlan`). */
export interface OutputSourcePlan {
  readonly renderer: string;
  readonly files: Map<string, OutputFileSource>;
  /** Counts a file's objects, which the writer keeps beside each file's metadata. */
  measure(content: string | Buffer): number;
}

/** The output of an assembly, rendered by this version of fleetform, each file made when asked for. */
export function outputPlan(assembly: FleetAssembly): OutputSourcePlan {
  return { renderer: rendererId(), files: outputSources(assembly), measure: countDocuments };
}

/**
 * The files of an assembly made one at a time as the writer asks for them,
 * each with the digest of its inputs: relative POSIX path → file.
 */
export function outputSources(assembly: FleetAssembly): Map<string, OutputFileSource> {
  const files = new Map<string, OutputFileSource>();
  for (const c of assembly.clusters) {
    for (const f of c.files) {
      const source = sourceOf(f);
      files.set(`${c.clusterId}/${f.name}`, {
        input: source?.input,
        render: () => {
          const content = f.content;
          if (source) source.objectCount = countDocuments(content);
          return content;
        },
        kept: (objects) => {
          if (source && objects !== undefined) source.objectCount = objects;
        },
      });
    }
  }
  for (const f of assembly.argoCd?.files ?? []) files.set(`${assembly.argoCd!.folder}/${f.name}`, { render: () => f.content, kept: () => undefined });
  files.set(TOPOLOGY_FILE, { render: () => assembly.topologyJson, kept: () => undefined });
  return files;
}
