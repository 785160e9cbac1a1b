import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The address blocks given to clusters so far. Committed beside the fleet
 * program, it keeps every cluster's network where it is when clusters are
 * added, removed or renamed around it: a changed VPC CIDR replaces a cluster.
 *
 * `Fleet.synth()` brings a file lock up to date (recording new clusters,
 * dropping removed ones) and rewrites it only when it changed.
 */
export class AddressLock {
  /**
   * A lock kept in a JSON file; a missing file is an empty lock.
   * @param path file path, conventionally `fleetform.lock.json` beside the program
   */
  static file(path: string): AddressLock {
    if (!existsSync(path)) return new AddressLock({}, path);
    const text = readFileSync(path, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return new AddressLock({}, path, [`address lock ${path} is not valid JSON (${(e as Error).message}); restore it from version control`]);
    }
    const blocks = (parsed as { clusterBlocks?: unknown }).clusterBlocks;
    if (typeof blocks !== 'object' || blocks === null || Object.values(blocks).some((v) => typeof v !== 'string')) {
      return new AddressLock({}, path, [`address lock ${path} has no "clusterBlocks" object of cluster id → CIDR; restore it from version control`]);
    }
    return new AddressLock(blocks as Record<string, string>, path);
  }

  /** A lock held in memory only, for tests and programs that keep it elsewhere. */
  static of(clusterBlocks: Readonly<Record<string, string>>): AddressLock {
    return new AddressLock({ ...clusterBlocks });
  }

  /** No lock: clusters get hash-preferred blocks, stable unless two clusters compete for one. */
  static none(): AddressLock {
    return new AddressLock({});
  }

  private constructor(
    /** Cluster id → block CIDR. */
    readonly clusterBlocks: Readonly<Record<string, string>>,
    /** File the lock is kept in, if any. */
    readonly path?: string,
    /** Problems reading the file. */
    readonly problems: readonly string[] = [],
  ) {}

  /** The lock's file content for the given blocks, keys sorted. */
  static render(clusterBlocks: Readonly<Record<string, string>>): string {
    const sorted: Record<string, string> = {};
    for (const id of Object.keys(clusterBlocks).sort()) sorted[id] = clusterBlocks[id];
    return `${JSON.stringify({ version: 1, clusterBlocks: sorted }, null, 2)}\n`;
  }

  /** Writes the given blocks to the lock's file if it has one and the content differs. Returns whether it wrote. */
  save(clusterBlocks: Readonly<Record<string, string>>): boolean {
    if (this.path === undefined) return false;
    const text = AddressLock.render(clusterBlocks);
    if (existsSync(this.path) && readFileSync(this.path, 'utf8') === text) return false;
    writeFileSync(this.path, text);
    return true;
  }
}
