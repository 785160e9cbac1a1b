/**
 * The address lock: every address block ever given to a cluster of the fleet,
 * so networks never move and are never reused silently. A block stays recorded
 * while its cluster is in the fleet and after it leaves (retired: its VPC may
 * still exist), until the program releases it explicitly with
 * `fleet.releaseAddressBlock(id)`. A program that declares fewer clusters
 * therefore never drops entries.
 *
 * Since format 3 it also records, per cluster, what a running cluster cannot
 * change without being replaced or rolled: its region, network ranges and
 * physical names, its Kubernetes minor (upgrades move one minor at a time),
 * its tenancy and node pools, and whether its EKS cluster was created with the
 * creator as admin. Each synth compares the fleet with it before writing it.
 *
 * Pure: parsing, checking and rendering here; the file is read and written by
 * `lib/io/address-lock-file.ts`.
 */
import { isKind, markKind } from '../markers';
import { contains, parseCidr } from './ipv4';
import { isNumericId } from './numeric-ids';

/**
 * The lock file format written now. Versions 1 and 2 (blocks only) and 3 (no
 * numeric ids) are read and rewritten as 4; a fleetform that reads only up to
 * 3 refuses a lock of format 4 rather than dropping its numeric ids.
 */
export const LOCK_FORMAT_VERSION = 4;

/** A node pool as the lock records it: what replaces its node group when it changes. */
export interface LockedNodePool {
  readonly instanceTypes: readonly string[];
  readonly capacityType: string;
}

/**
 * What the lock records of one cluster. Only `block` and `creatorAdmin` are
 * known for clusters recorded in format 1 or 2; the rest is recorded by the
 * first synth with format 3.
 */
export interface LockedCluster {
  readonly block: string;
  readonly region?: string;
  readonly environment?: string;
  /** The Kubernetes minor last synthesized. */
  readonly kubernetesVersion?: string;
  readonly vpcCidr?: string;
  readonly serviceCidr?: string;
  /** The physical names its cloud resources were given (kept across renames). */
  readonly names?: { readonly eksCluster: string; readonly resource: string };
  /** Whether its EKS cluster is (or was) created with the creator as a bootstrap admin: true for clusters recorded before format 3. */
  readonly creatorAdmin: boolean;
  readonly tenancy?: string;
  /** `auto-mode` for an EKS Auto Mode cluster; left out for one on managed node groups. */
  readonly computeMode?: string;
  readonly nodePools?: Readonly<Record<string, LockedNodePool>>;
  /** The cluster's numeric id, 1–255 (since format 4; given by the first synth that reads an entry without one). */
  readonly numericId?: number;
}

/**
 * Where the address blocks given to clusters so far are kept. Committed beside
 * the fleet program, the lock keeps every cluster's network where it is when
 * clusters are added, removed or renamed around it: a changed VPC CIDR
 * replaces a cluster.
 *
 * A value, not a reader: the file is read and written by `Fleet.synth()`,
 * never when the lock is created.
 */
export class AddressLock {
  /**
   * A lock kept in a JSON file; a missing file is an empty lock, created by the first synth.
   * @param path file path; a relative one is taken from the project root (the nearest
   *   folder at or above the working directory that holds a package.json), so the
   *   program finds the same lock from any folder of the project
   */
  static file(path: string): AddressLock {
    return new AddressLock({}, path);
  }

  /**
   * A lock held in memory only, for tests and programs that keep it elsewhere:
   * cluster id → its block (a cluster recorded before format 3) or its whole entry.
   */
  static of(clusters: Readonly<Record<string, string | LockedCluster>>): AddressLock {
    return new AddressLock({ ...clusters });
  }

  /** No lock: clusters get hash-preferred blocks, stable unless two clusters compete for one. */
  static none(): AddressLock {
    return new AddressLock({});
  }

  /** Whether `x` is an AddressLock (also one made by another copy of fleetform). */
  static isAddressLock(x: unknown): x is AddressLock {
    return isKind(x, 'addressLock');
  }

  private constructor(
    /** Cluster id → block CIDR or entry, for a lock held in memory. */
    readonly entries: Readonly<Record<string, string | LockedCluster>>,
    /** File the lock is kept in, as given, if any. */
    readonly path?: string,
  ) {
    markKind(this, 'addressLock');
  }
}

/** What the lock must agree with: the fleet it belongs to. */
export interface LockOwner {
  readonly fleet: string;
  readonly addressSpace: string;
  readonly clusterBlockPrefix: number;
}

/** The content of a lock as read: cluster id → entry, and what was wrong with it. */
export interface LockContents {
  /** Cluster id → what the lock records of it, for every cluster ever given a block and not released. Empty when the lock was refused. */
  readonly clusters: Readonly<Record<string, LockedCluster>>;
  /** Why the lock was refused (a wrong shape, another fleet, another address space); empty when it was taken. */
  readonly problems: readonly string[];
  /** The file read (absolute), if the lock is kept in one. */
  readonly path?: string;
  /** Whether the file existed. */
  readonly exists: boolean;
  /** The lock's text as read, to tell whether a synth changes it. */
  readonly text?: string;
  /** Numeric ids of clusters whose entries were released: never given again. Sorted. */
  readonly releasedNumericIds: readonly number[];
}

/** Cluster id → block CIDR of `clusters`. */
export function blocksOf(clusters: Readonly<Record<string, LockedCluster>>): Record<string, string> {
  return Object.fromEntries(Object.entries(clusters).map(([id, c]) => [id, c.block]));
}

/** An entry as rendered: fields in a fixed order, pools sorted, absent fields left out. */
function renderEntry(c: LockedCluster): Record<string, unknown> {
  const out: Record<string, unknown> = { block: c.block };
  if (c.numericId !== undefined) out.numericId = c.numericId;
  for (const key of ['region', 'environment', 'kubernetesVersion', 'vpcCidr', 'serviceCidr', 'tenancy', 'computeMode'] as const) {
    if (c[key] !== undefined) out[key] = c[key];
  }
  if (c.names) out.names = { eksCluster: c.names.eksCluster, resource: c.names.resource };
  out.creatorAdmin = c.creatorAdmin;
  if (c.nodePools) {
    out.nodePools = Object.fromEntries(Object.keys(c.nodePools).sort().map((k) => [k, { instanceTypes: [...c.nodePools![k].instanceTypes], capacityType: c.nodePools![k].capacityType }]));
  }
  return out;
}

/** The lock file's text: format version, the fleet it belongs to, and every cluster's entry, sorted by cluster id. */
export function renderLock(owner: LockOwner, entries: Readonly<Record<string, LockedCluster>>, releasedNumericIds: readonly number[] = []): string {
  const clusters: Record<string, unknown> = {};
  for (const id of Object.keys(entries).sort()) clusters[id] = renderEntry(entries[id]);
  return `${JSON.stringify({
    version: LOCK_FORMAT_VERSION,
    fleet: owner.fleet,
    addressSpace: owner.addressSpace,
    clusterBlockPrefix: owner.clusterBlockPrefix,
    clusters,
    ...(releasedNumericIds.length > 0 ? { releasedNumericIds: [...releasedNumericIds].sort((a, b) => a - b) } : {}),
  }, null, 2)}\n`;
}

/** Reads a lock file's text and checks it belongs to `owner`; each problem names the file and the fix. */
export function parseLock(text: string, path: string, owner: LockOwner): LockContents {
  const refuse = (why: string): LockContents => ({ clusters: {}, path, exists: true, text, problems: [`address lock ${path} ${why}`], releasedNumericIds: [] });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return refuse(`is not valid JSON (${(e as Error).message}); restore it from version control`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return refuse('is not a JSON object; restore it from version control');
  const d = doc as Record<string, unknown>;
  let entries: unknown;
  if (d.version === 1) {
    entries = d.clusterBlocks;
  } else if (d.version === 2 || d.version === 3 || d.version === LOCK_FORMAT_VERSION) {
    if (d.fleet !== owner.fleet) {
      return refuse(`belongs to fleet ${JSON.stringify(d.fleet)}, not "${owner.fleet}"; give each fleet its own lock file (AddressLock.file('${owner.fleet}.lock.json'))`);
    }
    if (d.addressSpace !== owner.addressSpace || d.clusterBlockPrefix !== owner.clusterBlockPrefix) {
      return refuse(`records address space ${String(d.addressSpace)} in /${String(d.clusterBlockPrefix)} blocks, but the fleet has ${owner.addressSpace} in /${owner.clusterBlockPrefix} blocks; changing them would move every cluster's network (and replace its VPC), so restore the fleet's addressSpace and clusterBlockPrefix`);
    }
    entries = d.clusters;
  } else {
    return refuse(`has format version ${JSON.stringify(d.version ?? null)}, which this fleetform does not know (it reads 1 to ${LOCK_FORMAT_VERSION}); upgrade fleetform or restore the file from version control`);
  }
  const field = d.version === 1 ? 'clusterBlocks' : 'clusters';
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    return refuse(`has no "${field}" object of cluster entries; restore it from version control`);
  }
  const read = readEntries(entries as Record<string, unknown>, owner);
  const released = d.releasedNumericIds ?? [];
  const recordedIds = new Set(Object.values(read.clusters).map((c) => c.numericId));
  if (!Array.isArray(released) || !released.every(isNumericId) || new Set(released).size !== released.length || released.some((n) => recordedIds.has(n))) {
    read.problems.push(`has releasedNumericIds ${JSON.stringify(released)}, not a list of distinct whole numbers from 1 to 255 that no recorded cluster holds`);
  }
  if (read.problems.length > 0) return refuse(`${read.problems.join('; and ')}; restore it from version control`);
  return { clusters: read.clusters, path, exists: true, text, problems: [], releasedNumericIds: [...(released as number[])].sort((a, b) => a - b) };
}

const CIDR_FIELDS = ['vpcCidr', 'serviceCidr'] as const;
const TEXT_FIELDS = ['region', 'environment', 'kubernetesVersion', 'tenancy', 'computeMode'] as const;

/**
 * The entries of a lock (a block string for clusters recorded before format 3,
 * or an entry object), checked: each a /prefix block inside the space, no
 * block given twice, fields of the right types.
 */
export function readEntries(entries: Readonly<Record<string, unknown>>, owner: LockOwner): { clusters: Record<string, LockedCluster>; problems: string[] } {
  const space = parseCidr(owner.addressSpace);
  const problems: string[] = [];
  const clusters: Record<string, LockedCluster> = {};
  const byBlock = new Map<string, string>();
  const byNumericId = new Map<number, string>();
  for (const [id, raw] of Object.entries(entries)) {
    const entry: Record<string, unknown> = typeof raw === 'string' ? { block: raw, creatorAdmin: true } : (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw as Record<string, unknown> : {});
    const block = entry.block;
    const c = typeof block === 'string' ? parseCidr(block) : 'not a string';
    if (typeof c === 'string' || c.prefix !== owner.clusterBlockPrefix || (typeof space !== 'string' && !contains(space, c))) {
      problems.push(`records ${JSON.stringify(block ?? raw)} for cluster "${id}", which is not a /${owner.clusterBlockPrefix} block inside ${owner.addressSpace}`);
      continue;
    }
    const other = byBlock.get(block as string);
    if (other !== undefined) problems.push(`gives block ${String(block)} to both "${other}" and "${id}"`);
    byBlock.set(block as string, id);
    if (isNumericId(entry.numericId)) {
      const holder = byNumericId.get(entry.numericId);
      if (holder !== undefined) problems.push(`gives numeric id ${entry.numericId} to both "${holder}" and "${id}"`);
      byNumericId.set(entry.numericId, id);
    }
    const wrong = entryProblems(entry);
    if (wrong.length > 0) {
      problems.push(`records for cluster "${id}" ${wrong.join(', ')}`);
      continue;
    }
    clusters[id] = entry as unknown as LockedCluster;
  }
  return { clusters, problems };
}

/** What is of the wrong type in one entry. */
function entryProblems(e: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (typeof e.creatorAdmin !== 'boolean') out.push('no creatorAdmin true or false');
  if (e.numericId !== undefined && !isNumericId(e.numericId)) out.push(`numericId ${JSON.stringify(e.numericId)}, not a whole number from 1 to 255`);
  for (const k of TEXT_FIELDS) if (e[k] !== undefined && typeof e[k] !== 'string') out.push(`${k} ${JSON.stringify(e[k])}, not a string`);
  for (const k of CIDR_FIELDS) if (e[k] !== undefined && (typeof e[k] !== 'string' || typeof parseCidr(e[k] as string) === 'string')) out.push(`${k} ${JSON.stringify(e[k])}, not a CIDR`);
  const n = e.names as Record<string, unknown> | undefined;
  if (n !== undefined && (typeof n !== 'object' || n === null || typeof n.eksCluster !== 'string' || typeof n.resource !== 'string')) out.push('names that are not { eksCluster, resource } strings');
  const pools = e.nodePools as Record<string, Record<string, unknown>> | undefined;
  if (pools !== undefined) {
    const ok = typeof pools === 'object' && pools !== null && Object.values(pools).every((p) => typeof p === 'object' && p !== null
      && Array.isArray(p.instanceTypes) && p.instanceTypes.every((t) => typeof t === 'string') && typeof p.capacityType === 'string');
    if (!ok) out.push('nodePools that are not { instanceTypes, capacityType } per pool');
  }
  return out;
}
