/**
 * The address lock in the resolve step: renames that carry a recorded entry
 * over to a cluster's new id, and the entries a synth records. Pure.
 */
import { ComputeMode } from '../environment-profile';
import type { FleetProblem } from '../errors';
import type { LockedCluster } from '../net/address-lock';
import type { RegionalCluster } from '../regional-cluster';
import type { ResolvedCluster } from './resolved';

/** The lock's entries with renames applied, and what the renames got wrong. */
export interface RenamedEntries {
  /** Cluster id → entry, a renamed cluster's entry under its new id. */
  readonly entries: Readonly<Record<string, LockedCluster>>;
  /** New id → old id, for the renames this synth records. */
  readonly renamed: ReadonlyMap<string, string>;
  readonly problems: readonly FleetProblem[];
}

/**
 * Applies the renames the clusters declare: a cluster not yet recorded whose
 * previous id is recorded, and no longer declared, takes over that entry.
 * A rename already recorded (the new id holds the entry) is left as it is.
 */
export function applyRenames(clusters: readonly RegionalCluster[], recorded: Readonly<Record<string, LockedCluster>>): RenamedEntries {
  const entries: Record<string, LockedCluster> = { ...recorded };
  const renamed = new Map<string, string>();
  const problems: FleetProblem[] = [];
  const declared = new Set(clusters.map((c) => c.clusterId));
  const claimed = new Map<string, string>();
  for (const c of clusters) {
    const from = c.previousId;
    if (from === undefined || recorded[c.clusterId] !== undefined) continue;
    const path = c.node.path;
    if (from === c.clusterId) continue;
    if (declared.has(from)) {
      problems.push({ path, message: `renamedFrom "${from}" names a cluster the fleet still declares; a rename moves one cluster to a new id, so remove the old one from the code (or drop renamedFrom for a new cluster)` });
    } else if (recorded[from] === undefined) {
      problems.push({ path, message: `renamedFrom "${from}": the address lock records no cluster "${from}" (nor "${c.clusterId}"); give the id the cluster had when it was last synthesized, or drop renamedFrom for a new cluster` });
    } else if (claimed.has(from)) {
      problems.push({ path, message: `renamedFrom "${from}" is also claimed by ${claimed.get(from)}; one cluster takes over a recorded cluster` });
    } else {
      claimed.set(from, c.clusterId);
      renamed.set(c.clusterId, from);
      entries[c.clusterId] = recorded[from];
      delete entries[from];
    }
  }
  return { entries, renamed, problems };
}

/** What the lock records of a cluster after this synth. */
export function entryOf(c: ResolvedCluster, before: LockedCluster | undefined): LockedCluster | undefined {
  if (!c.network) return before;
  return {
    block: c.network.block,
    ...(c.numericId !== undefined ? { numericId: c.numericId } : {}),
    region: c.region,
    environment: c.environment,
    kubernetesVersion: c.kubernetesVersion,
    vpcCidr: c.network.vpcCidr,
    serviceCidr: c.network.serviceCidr,
    tenancy: c.tenancy,
    ...(c.computeMode === ComputeMode.AUTO_MODE ? { computeMode: c.computeMode } : {}),
    names: { eksCluster: c.names.eksCluster, resource: c.names.resource },
    creatorAdmin: c.creatorAdmin,
    nodePools: Object.fromEntries(c.nodePools.map((p) => [p.name, { instanceTypes: [...p.instanceTypes], capacityType: p.capacityType }])),
  };
}
