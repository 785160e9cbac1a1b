/**
 * Numeric cluster ids: every cluster of a fleet gets a number from 1 to 255,
 * unique in the fleet and stable like its address block, for what needs a
 * small number per cluster (a service mesh across clusters: Cilium
 * ClusterMesh takes 1–255). Pure: same lock and clusters in, same ids out.
 *
 * Stability, as for address blocks (the address lock records every id given):
 * - a recorded id never moves, also across renames, and stays reserved while
 *   its entry is recorded (a cluster that left the fleet keeps it);
 * - an id whose entry was released (`fleet.releaseAddressBlock`) is recorded
 *   as released and never given again: a mesh may still know it;
 * - a cluster may pin its id (`numericId`); a pin that takes an id given to
 *   another cluster, or moves a recorded one, is refused;
 * - every other cluster takes the lowest id never used: first the recorded
 *   clusters without one (a lock written before ids existed), in the order of
 *   their cluster ids (code-unit order), then new clusters, in the same order.
 */
import type { PlanError } from './address-plan';

/** The lowest numeric cluster id. */
export const MIN_NUMERIC_ID = 1;
/** The highest numeric cluster id (Cilium ClusterMesh's limit). */
export const MAX_NUMERIC_ID = 255;

/** Whether `x` is a numeric cluster id: a whole number from 1 to 255. */
export function isNumericId(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= MIN_NUMERIC_ID && x <= MAX_NUMERIC_ID;
}

/** A cluster of the fleet that needs an id. */
export interface NumericIdRequest {
  readonly clusterId: string;
  /** Construct path, for messages. */
  readonly path: string;
  /** The id the program pins, if any. */
  readonly pinned?: number;
}

/** What the ids are planned from. */
export interface NumericIdInput {
  /** Every recorded entry (after renames and releases): cluster id → its recorded numeric id, undefined for an entry recorded before ids. */
  readonly recorded: Readonly<Record<string, number | undefined>>;
  /** Ids of released entries: never given again. */
  readonly released: readonly number[];
  /** The clusters of the fleet. */
  readonly requests: readonly NumericIdRequest[];
  /** The fleet's construct path, for a problem with a recorded cluster the fleet no longer declares. */
  readonly fleetPath: string;
}

/** The ids given: cluster id → numeric id, for every recorded entry and every cluster that could get one. */
export interface NumericIdPlan {
  readonly ids: ReadonlyMap<string, number>;
  readonly errors: readonly PlanError[];
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Plans the numeric ids of every recorded entry and every cluster of the fleet. */
export function planNumericIds(input: NumericIdInput): NumericIdPlan {
  const ids = new Map<string, number>();
  const owner = new Map<number, string>();
  const errors: PlanError[] = [];
  const released = new Set(input.released);
  for (const id of Object.keys(input.recorded).sort(byCodeUnit)) {
    const n = input.recorded[id];
    if (n !== undefined) {
      ids.set(id, n);
      owner.set(n, id);
    }
  }
  const requests = [...input.requests].sort((a, b) => byCodeUnit(a.clusterId, b.clusterId));
  const pinnedBy = new Map<number, string>();
  for (const r of requests) {
    if (r.pinned === undefined) continue;
    const recorded = ids.get(r.clusterId);
    if (recorded !== undefined) {
      if (recorded !== r.pinned) {
        errors.push({ path: r.path, message: `numericId ${r.pinned} differs from ${recorded}, the id the address lock records for "${r.clusterId}"; a cluster's numeric id never moves (a mesh knows it by that number), so give ${recorded} or remove numericId` });
      }
      continue;
    }
    const holder = owner.get(r.pinned);
    if (pinnedBy.has(r.pinned)) {
      errors.push({ path: r.path, message: `numericId ${r.pinned} is also pinned by ${pinnedBy.get(r.pinned)}; give each cluster its own id` });
    } else if (holder !== undefined) {
      errors.push({ path: r.path, message: `numericId ${r.pinned} is the id the address lock records for "${holder}"; give another id, or remove numericId to take the lowest free one` });
    } else if (released.has(r.pinned)) {
      errors.push({ path: r.path, message: `numericId ${r.pinned} was given to a cluster whose entry was released, and is never given again (a mesh may still know it); give another id, or remove numericId to take the lowest free one` });
    } else {
      pinnedBy.set(r.pinned, r.path);
      ids.set(r.clusterId, r.pinned);
      owner.set(r.pinned, r.clusterId);
    }
  }
  let next = MIN_NUMERIC_ID;
  const lowestFree = (): number | undefined => {
    while (next <= MAX_NUMERIC_ID && (owner.has(next) || released.has(next))) next++;
    return next <= MAX_NUMERIC_ID ? next : undefined;
  };
  const give = (clusterId: string, path: string): void => {
    const n = lowestFree();
    if (n === undefined) {
      errors.push({
        path,
        message: `cluster "${clusterId}" needs a numeric id, but all ${MAX_NUMERIC_ID} (${MIN_NUMERIC_ID}–${MAX_NUMERIC_ID}) are given: ${owner.size} to clusters of this fleet and ${released.size} released, which are never given again; a fleet holds at most ${MAX_NUMERIC_ID} clusters over its life, so put this cluster in a fleet of its own`,
      });
      return;
    }
    ids.set(clusterId, n);
    owner.set(n, clusterId);
  };
  const pathOf = new Map(requests.map((r) => [r.clusterId, r.path]));
  // Recorded entries without an id first (a lock written before ids), then new clusters; each in cluster-id order.
  for (const id of Object.keys(input.recorded).sort(byCodeUnit)) {
    if (!ids.has(id) && input.recorded[id] === undefined) give(id, pathOf.get(id) ?? input.fleetPath);
  }
  for (const r of requests) if (!ids.has(r.clusterId) && r.pinned === undefined) give(r.clusterId, r.path);
  return { ids, errors };
}
