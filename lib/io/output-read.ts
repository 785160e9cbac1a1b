/**
 * Reads back what fleetform wrote in an output folder, for a diff against a
 * new synth: only the files its record lists, with the content they hold now.
 * Files fleetform did not write are not part of its output and are ignored;
 * nothing is written.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, parseRecord, RECORD_FILE, type OutputRecord } from './output-record';
import { scanOutput } from './output-scan';
import { StatCache } from './output-stat-cache';
import type { OutputPlan } from './output-writer';

/** The output fleetform recorded writing in a folder. */
export interface RecordedOutput {
  /** The folder, as given. */
  readonly outdir: string;
  /** The fleet the record names, when the folder has a record. */
  readonly owner?: string;
  /** Recorded files present as regular files (relative POSIX paths), sorted. */
  readonly paths: readonly string[];
  /** The record itself, when the folder has a readable one. */
  readonly record?: OutputRecord;
  /** The record's text as read. */
  readonly recordText?: string;
  /** Why a synth of the fleet `owner` would refuse the folder as it is (empty when it would not). */
  readonly refusals: readonly string[];
}

/** Finds the files fleetform recorded writing in `outdir`, for the fleet `fleet`; a missing folder has none. Reads no file but the record. */
export function readRecordedOutput(outdir: string, fleet: string): RecordedOutput {
  const scanned = scanOutput(outdir, fleet);
  if (!Array.isArray(scanned)) {
    // The scan already read the record and listed the recorded files present as regular files.
    if (scanned.record === undefined) return { outdir, paths: [], refusals: [] };
    const paths = [...scanned.files.keys()].sort();
    return { outdir, owner: scanned.record.owner, paths, record: scanned.record, recordText: scanned.recordText, refusals: [] };
  }
  const refusals = scanned;
  let recordText: string;
  try {
    recordText = readFileSync(join(outdir, RECORD_FILE), 'utf8');
  } catch {
    return { outdir, paths: [], refusals };
  }
  const record = parseRecord(recordText);
  if (typeof record === 'string') return { outdir, paths: [], refusals };
  const paths = [...record.files.keys()].sort().filter((path) => {
    try {
      return lstatSync(join(outdir, ...path.split('/'))).isFile();
    } catch {
      return false;
    }
  });
  return { outdir, owner: record.owner, paths, record, recordText, refusals };
}

/**
 * The recorded output against a new one, file by file, as `fleetform diff`
 * compares them: only files whose content differs are given (relative POSIX
 * path → content, before and after); files with the same content on both
 * sides are only named, and never held in memory together.
 */
export interface OutputComparison {
  readonly before: ReadonlyMap<string, string>;
  readonly after: ReadonlyMap<string, string>;
  /** Files present on both sides with the same content. */
  readonly same: ReadonlySet<string>;
  /** How many files of the new output were rendered (the others were kept from disk, unrendered). */
  readonly rendered: number;
}

/**
 * Compares the recorded output with a plan of the new one. A file whose
 * inputs have the digest the record holds for it (from the same renderer),
 * and whose bytes are still the recorded ones, is the same without being
 * rendered, as the writer would keep it; every other file is rendered and
 * compared with the file on disk. A kept file is read only when its metadata
 * no longer matches what the last synth left (see `output-stat-cache.ts`).
 */
export function compareOutput(recorded: RecordedOutput, plan: OutputPlan): OutputComparison {
  return compareFiles(contextOf(recorded, plan), [...plan.files.keys()], recorded.paths);
}

/** The group a path of the output belongs to: its first folder (a cluster, `argocd`), or the top-level file itself. */
export function outputGroup(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? path : path.slice(0, slash);
}

/**
 * {@link compareOutput} one group of files at a time (a cluster's folder, a
 * folder of GitOps files, a top-level file): each group's comparison is handed
 * to `each` and let go before the next group is read, so a diff holds one
 * cluster's changed files at a time, not the whole fleet's. Groups come in no
 * set order. Returns how many files were rendered in all.
 */
export function compareOutputByGroup(recorded: RecordedOutput, plan: OutputPlan, each: (comparison: OutputComparison) => void): number {
  const context = contextOf(recorded, plan);
  const groups = new Map<string, { planned: string[]; recorded: string[] }>();
  const groupOf = (path: string) => {
    const name = outputGroup(path);
    let g = groups.get(name);
    if (g === undefined) {
      g = { planned: [], recorded: [] };
      groups.set(name, g);
    }
    return g;
  };
  for (const path of plan.files.keys()) groupOf(path).planned.push(path);
  for (const path of recorded.paths) groupOf(path).recorded.push(path);
  let rendered = 0;
  for (const g of groups.values()) {
    const comparison = compareFiles(context, g.planned, g.recorded);
    rendered += comparison.rendered;
    each(comparison);
  }
  return rendered;
}

interface Context {
  readonly recorded: RecordedOutput;
  readonly plan: OutputPlan;
  readonly cache: StatCache;
  /** Input digests of the record, when it was made by the plan's renderer. */
  readonly known?: ReadonlyMap<string, string>;
  readonly onDisk: ReadonlySet<string>;
}

function contextOf(recorded: RecordedOutput, plan: OutputPlan): Context {
  const known = plan.renderer !== undefined && recorded.record?.renderer === plan.renderer ? recorded.record.inputs : undefined;
  return { recorded, plan, cache: StatCache.load(recorded.outdir, recorded.recordText), onDisk: new Set(recorded.paths), ...(known ? { known } : {}) };
}

/** Compares the files `planned` of the plan, and the recorded files `recordedPaths`, as `compareOutput` describes. */
function compareFiles(context: Context, planned: readonly string[], recordedPaths: readonly string[]): OutputComparison {
  const { recorded, plan, cache, known, onDisk } = context;
  const record = recorded.record;
  const read = (path: string) => readFileSync(join(recorded.outdir, ...path.split('/')));
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  const same = new Set<string>();
  let rendered = 0;
  for (const path of planned) {
    const file = plan.files.get(path)!;
    const keepable = onDisk.has(path) && file.input !== undefined && known?.get(path) === file.input;
    if (keepable && cache.unchanged(recorded.outdir, path) !== undefined) {
      same.add(path);
      continue;
    }
    const bytes = onDisk.has(path) ? read(path) : undefined;
    if (keepable && record!.files.get(path) === contentHash(bytes!)) {
      same.add(path);
      continue;
    }
    const content = file.render();
    rendered++;
    const now = bytes?.toString('utf8');
    if (now === content) same.add(path);
    else {
      after.set(path, content);
      if (now !== undefined) before.set(path, now);
    }
  }
  for (const path of recordedPaths) if (!plan.files.has(path)) before.set(path, read(path).toString('utf8'));
  return { before, after, same, rendered };
}
