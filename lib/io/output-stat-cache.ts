/**
 * A cache of what each recorded file of an output folder looked like on disk
 * when fleetform last finished with the folder: its size, modification
 * and change times (nanoseconds), inode and device, and a number the
 * output's plan measured in it (fleetform counts YAML documents). A later synth or diff trusts the recorded hash of a file
 * whose metadata still matches, without reading and hashing it: the way Git's
 * index decides a file is unchanged.
 *
 * Why that is safe: every write to a file, and every `touch` or `utimes` that
 * puts an old modification time back, moves its change time (ctime) to the
 * clock's present, which no user tool can set back. A file whose change time
 * is not strictly older than the cache itself could have been written in the
 * same clock tick after it was measured ("racily clean", as Git says), so it
 * is never trusted. Anything unreadable or stale in the cache means the files
 * are read and hashed, as without it: the cache only ever saves work.
 *
 * The cache holds inode numbers and clock times, so it is not part of the
 * output (which is byte-identical from the same input, and committed by many
 * users): it is kept where Node tools keep caches, in
 * `node_modules/.cache/fleetform/` of the nearest `node_modules` above the
 * output folder, else above the working folder, one file per output folder.
 * Without a `node_modules` there is no cache.
 */
import { BigIntStats, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { contentHash, isSafeRelativePath } from './output-record';

const FORMAT = 1;
/** Cache files of output folders not synthesized for this long are deleted when another is written. */
const KEPT_MS = 14 * 24 * 3600 * 1000;
const ENTRY = /^\d+:\d+:\d+:\d+:\d+:\d+$/;

/** What the cache knows of one file: its metadata fingerprint and the plan's measure of its content. */
interface Entry {
  readonly fingerprint: string;
  readonly measure: number;
}

/** `size:mtimeNs:ctimeNs:ino:dev` of a file, for comparison only. */
function fingerprintOf(st: BigIntStats): string {
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}`;
}

/** The files of one output folder as fleetform last left them, for the record whose text hashes to `recordHash`. */
export class StatCache {
  /** An empty cache: every file is read. */
  static readonly EMPTY = new StatCache(new Map(), -1n);

  /**
   * Reads the cache of `dir` written for the record `recordText`; an empty one
   * when it is missing, malformed, for another record, or a link.
   */
  static load(dir: string, recordText: string | undefined): StatCache {
    const path = cachePath(dir);
    if (recordText === undefined || path === undefined) return StatCache.EMPTY;
    try {
      const st = lstatSync(path, { bigint: true });
      if (!st.isFile()) return StatCache.EMPTY;
      const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      if (data.fleetformStatCache !== FORMAT || data.record !== contentHash(recordText)) return StatCache.EMPTY;
      const files = data.files;
      if (typeof files !== 'object' || files === null || Array.isArray(files)) return StatCache.EMPTY;
      const entries = new Map<string, Entry>();
      for (const [rel, value] of Object.entries(files)) {
        if (!isSafeRelativePath(rel) || typeof value !== 'string' || !ENTRY.test(value)) return StatCache.EMPTY;
        const cut = value.lastIndexOf(':');
        entries.set(rel, { fingerprint: value.slice(0, cut), measure: Number(value.slice(cut + 1)) });
      }
      return new StatCache(entries, st.ctimeNs);
    } catch {
      return StatCache.EMPTY;
    }
  }

  private constructor(private readonly entries: ReadonlyMap<string, Entry>, private readonly writtenAt: bigint) {}

  /**
   * The plan's measure of `dir/rel` when its metadata says it is still exactly
   * what the cache saw, and it was last changed in an earlier clock tick than
   * the cache was written in; otherwise undefined, and the file must be read.
   */
  unchanged(dir: string, rel: string): { readonly measure: number } | undefined {
    const entry = this.entries.get(rel);
    if (entry === undefined) return undefined;
    let st: BigIntStats;
    try {
      st = lstatSync(join(dir, rel), { bigint: true });
    } catch {
      return undefined;
    }
    if (!st.isFile() || st.ctimeNs >= this.writtenAt || fingerprintOf(st) !== entry.fingerprint) return undefined;
    return { measure: entry.measure };
  }
}

/**
 * Records the files `rel → measure` of `dir` as they are now, under the
 * record `recordText`. A file that cannot be measured is left out (it is read
 * next time); a cache that cannot be written is no error (every file is read).
 */
export function saveStatCache(dir: string, recordText: string, measures: ReadonlyMap<string, number>): void {
  const path = cachePath(dir);
  if (path === undefined) return;
  const files: Record<string, string> = {};
  for (const rel of [...measures.keys()].sort()) {
    try {
      const st = lstatSync(join(dir, rel), { bigint: true });
      if (st.isFile()) files[rel] = `${fingerprintOf(st)}:${measures.get(rel)!}`;
    } catch {
      // Left out.
    }
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, `${JSON.stringify({ fleetformStatCache: FORMAT, record: contentHash(recordText), files })}\n`);
    pruneStale(dirname(path), path);
  } catch {
    // No cache: the next synth reads every file.
  }
}

/** The cache file of the output folder `dir`, or undefined when no `node_modules` is found to keep it in. */
export function cachePath(dir: string): string | undefined {
  const absolute = resolve(dir);
  const modules = nearestNodeModules(dirname(absolute)) ?? nearestNodeModules(process.cwd());
  if (modules === undefined) return undefined;
  return join(modules, '.cache', 'fleetform', `output-${contentHash(absolute).slice(0, 24)}.json`);
}

function nearestNodeModules(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules');
    try {
      if (statSync(candidate).isDirectory()) return candidate;
    } catch {
      // Not here.
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Deletes the cache files of output folders not written for a while (temporary folders, folders gone). */
function pruneStale(folder: string, keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (path === keep || !name.startsWith('output-')) continue;
    try {
      if (now - statSync(path).mtimeMs > KEPT_MS) rmSync(path, { force: true });
    } catch {
      // Another synth's: left alone.
    }
  }
}
