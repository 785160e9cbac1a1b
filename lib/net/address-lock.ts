import { isKind, markKind } from '../markers';

/**
 * Where the address blocks given to clusters so far are kept. Committed beside
 * the fleet program, the lock keeps every cluster's network where it is when
 * clusters are added, removed or renamed around it: a changed VPC CIDR
 * replaces a cluster.
 *
 * A value, not a reader: the file is read and written by `Fleet.synth()` (see
 * `lib/io/address-lock-file.ts`), never when the lock is created.
 */
export class AddressLock {
  /**
   * A lock kept in a JSON file; a missing file is an empty lock, created by the first synth.
   * @param path file path, conventionally `fleetform.lock.json` beside the program
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
    /** File the lock is kept in, if any. */
    readonly path?: string,
  ) {
    markKind(this, 'addressLock');
  }
}

/** The content of a lock: cluster id → block CIDR, and what was wrong reading it. */
export interface LockContents {
  /** Cluster id → block CIDR. */
  readonly clusterBlocks: Readonly<Record<string, string>>;
  /** Problems reading the lock (an unreadable file, a wrong shape). */
  readonly problems: readonly string[];
  /** The file read, if any. */
  readonly path?: string;
}

/** The lock file's text for the given blocks, keys sorted. */
export function renderLock(clusterBlocks: Readonly<Record<string, string>>): string {
  const sorted: Record<string, string> = {};
  for (const id of Object.keys(clusterBlocks).sort()) sorted[id] = clusterBlocks[id];
  return `${JSON.stringify({ version: 1, clusterBlocks: sorted }, null, 2)}\n`;
}

/** Reads a lock file's text; problems name the file and the fix. */
export function parseLock(text: string, path: string): LockContents {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { clusterBlocks: {}, path, problems: [`address lock ${path} is not valid JSON (${(e as Error).message}); restore it from version control`] };
  }
  const blocks = typeof parsed === 'object' && parsed !== null ? (parsed as { clusterBlocks?: unknown }).clusterBlocks : undefined;
  if (typeof blocks !== 'object' || blocks === null || Array.isArray(blocks) || Object.values(blocks).some((v) => typeof v !== 'string')) {
    return { clusterBlocks: {}, path, problems: [`address lock ${path} has no "clusterBlocks" object of cluster id → CIDR; restore it from version control`] };
  }
  return { clusterBlocks: blocks as Record<string, string>, path, problems: [] };
}
