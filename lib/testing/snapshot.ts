/**
 * A fleet's synthesized output in memory, shaped for snapshot tests in a
 * user's own repository (`expect(synthSnapshot(fleet)).toMatchSnapshot()`).
 * Loads no construct and no Pulumi: it calls the fleet's own `assemble`.
 */
import { FleetValidationError, type FleetWarning } from '../errors';
import type { Fleet } from '../fleet';
import { isKind } from '../markers';
import { byCodeUnit } from '../naming';

/** Options of {@link synthSnapshot}. */
export interface SynthSnapshotOptions {
  /**
   * The day (`YYYY-MM-DD`, UTC) EKS support and the catalogue's age are judged on. Give one in a
   * snapshot test, so its warnings do not change as days pass; only warnings and problems depend on it.
   * @default - the fleet's `supportDate`, else today (UTC)
   */
  readonly supportDate?: string;
  /**
   * Refuse the fleet when a rule warns, as `synth({ strict: true })` does.
   * @default false
   */
  readonly strict?: boolean;
}

/** What a synth of the fleet would write, and what it would warn about; nothing is written. */
export interface FleetSnapshot {
  /** Cluster id → its manifest files, file name (`NNNN-<chart>.k8s.yaml`) → YAML; both sorted. */
  readonly clusters: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `fleet.json` as synth writes it. */
  readonly fleetJson: string;
  /** What the rules warn about (synth prints them; they are not problems unless `strict`). */
  readonly warnings: readonly FleetWarning[];
  /** With an `ArgoCdDelivery`: the files of `argocd/`, file name → YAML, sorted; absent without one. */
  readonly argocd?: Readonly<Record<string, string>>;
  /**
   * Every Kubernetes object of every cluster, cluster by cluster in file order, for
   * `validateManifests`. Not enumerable, so a snapshot of the whole result holds each object once, as YAML.
   */
  readonly objects: readonly Record<string, unknown>[];
}

/**
 * Resolves, checks and synthesizes a fleet in memory, as `fleet.synth()` would, and returns its files
 * per cluster, `fleet.json` and its warnings; writes nothing (the address lock is read, never written).
 * @throws FleetValidationError listing every problem (and, when strict, every warning)
 */
export function synthSnapshot(fleet: Fleet, options: SynthSnapshotOptions = {}): FleetSnapshot {
  if (!isKind(fleet, 'fleet')) {
    throw new FleetValidationError([{ path: '?', message: 'synthSnapshot was given something that is not a Fleet; give it the Fleet your program builds, such as synthSnapshot(buildFleet())' }]);
  }
  const assembly = fleet.assemble({
    ...(options.supportDate !== undefined ? { supportDate: options.supportDate } : {}),
    ...(options.strict !== undefined ? { strict: options.strict } : {}),
  });
  const clusters: Record<string, Record<string, string>> = {};
  for (const c of [...assembly.clusters].sort((a, b) => byCodeUnit(a.clusterId, b.clusterId))) {
    clusters[c.clusterId] = Object.fromEntries([...c.files].sort((a, b) => byCodeUnit(a.name, b.name)).map((f) => [f.name, f.content]));
  }
  const snapshot: Omit<FleetSnapshot, 'objects'> = {
    clusters, fleetJson: assembly.topologyJson, warnings: [...assembly.warnings],
    ...(assembly.argoCd ? { argocd: Object.fromEntries(assembly.argoCd.files.map((f) => [f.name, f.content])) } : {}),
  };
  return Object.defineProperty(snapshot, 'objects', {
    enumerable: false,
    get: () => assembly.clusters.flatMap((c) => c.files.flatMap((f) => f.objects)),
  }) as FleetSnapshot;
}
