/**
 * The address lock: every address block ever given to a cluster of the fleet,
 * so networks never move and are never reused silently. A block stays recorded
 * while its cluster is in the fleet and after it leaves (retired: its VPC may
 * still exist), until the program releases it explicitly with
 * `fleet.releaseAddressBlock(id)`. A program that declares fewer clusters
 * therefore never drops entries. Pure: parsing, checking and rendering here;
 * the file is read and written by `lib/io/address-lock-file.ts`.
 */
import { isKind, markKind } from '../markers';
import { contains, parseCidr } from './ipv4';

/** The lock file format written now. Version 1 (fleetform 0.1: `clusterBlocks` only) is read and rewritten as 2. */
export const LOCK_FORMAT_VERSION = 2;

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

  /** A lock held in memory only, for tests and programs that keep it elsewhere. */
  static of(clusterBlocks: Readonly<Record<string, string>>): AddressLock {
    return new AddressLock({ ...clusterBlocks });
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
    /** Cluster id → block CIDR, for a lock held in memory. */
    readonly blocks: Readonly<Record<string, string>>,
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

/** The content of a lock as read: cluster id → block CIDR, and what was wrong with it. */
export interface LockContents {
  /** Cluster id → block CIDR, for every cluster ever given one and not released. Empty when the lock was refused. */
  readonly clusterBlocks: Readonly<Record<string, string>>;
  /** Why the lock was refused (a wrong shape, another fleet, another address space); empty when it was taken. */
  readonly problems: readonly string[];
  /** The file read (absolute), if the lock is kept in one. */
  readonly path?: string;
  /** Whether the file existed. */
  readonly exists: boolean;
  /** The lock's text as read, to tell whether a synth changes it. */
  readonly text?: string;
}

/** The lock file's text: format version, the fleet it belongs to, and every block, sorted by cluster id. */
export function renderLock(owner: LockOwner, clusterBlocks: Readonly<Record<string, string>>): string {
  const clusters: Record<string, string> = {};
  for (const id of Object.keys(clusterBlocks).sort()) clusters[id] = clusterBlocks[id];
  return `${JSON.stringify({
    version: LOCK_FORMAT_VERSION,
    fleet: owner.fleet,
    addressSpace: owner.addressSpace,
    clusterBlockPrefix: owner.clusterBlockPrefix,
    clusters,
  }, null, 2)}\n`;
}

/** Reads a lock file's text and checks it belongs to `owner`; each problem names the file and the fix. */
export function parseLock(text: string, path: string, owner: LockOwner): LockContents {
  const refuse = (why: string): LockContents => ({ clusterBlocks: {}, path, exists: true, text, problems: [`address lock ${path} ${why}`] });
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
  } else if (d.version === LOCK_FORMAT_VERSION) {
    if (d.fleet !== owner.fleet) {
      return refuse(`belongs to fleet ${JSON.stringify(d.fleet)}, not "${owner.fleet}"; give each fleet its own lock file (AddressLock.file('${owner.fleet}.lock.json'))`);
    }
    if (d.addressSpace !== owner.addressSpace || d.clusterBlockPrefix !== owner.clusterBlockPrefix) {
      return refuse(`records address space ${String(d.addressSpace)} in /${String(d.clusterBlockPrefix)} blocks, but the fleet has ${owner.addressSpace} in /${owner.clusterBlockPrefix} blocks; changing them would move every cluster's network (and replace its VPC), so restore the fleet's addressSpace and clusterBlockPrefix`);
    }
    entries = d.clusters;
  } else {
    return refuse(`has format version ${JSON.stringify(d.version ?? null)}, which this fleetform does not know (it reads 1 and ${LOCK_FORMAT_VERSION}); upgrade fleetform or restore the file from version control`);
  }
  const field = d.version === 1 ? 'clusterBlocks' : 'clusters';
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    return refuse(`has no "${field}" object of cluster id → block CIDR; restore it from version control`);
  }
  const problems = checkEntries(entries as Record<string, unknown>, owner);
  if (problems.length > 0) return refuse(`${problems.join('; and ')}; restore it from version control`);
  return { clusterBlocks: entries as Record<string, string>, path, exists: true, text, problems: [] };
}

/** Problems of the recorded entries: each a /prefix block inside the space, no block given twice. */
export function checkEntries(entries: Record<string, unknown>, owner: LockOwner): string[] {
  const space = parseCidr(owner.addressSpace);
  const problems: string[] = [];
  const byBlock = new Map<string, string>();
  for (const [id, block] of Object.entries(entries)) {
    const c = typeof block === 'string' ? parseCidr(block) : 'not a string';
    if (typeof c === 'string' || c.prefix !== owner.clusterBlockPrefix || (typeof space !== 'string' && !contains(space, c))) {
      problems.push(`records ${JSON.stringify(block)} for cluster "${id}", which is not a /${owner.clusterBlockPrefix} block inside ${owner.addressSpace}`);
      continue;
    }
    const other = byBlock.get(block as string);
    if (other !== undefined) problems.push(`gives block ${String(block)} to both "${other}" and "${id}"`);
    byBlock.set(block as string, id);
  }
  return problems;
}
