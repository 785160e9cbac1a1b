/**
 * Writes fleetform's output folder all or nothing, and only over what
 * fleetform wrote: the new output is staged in a folder beside it and swapped
 * in at the end, under a lock that keeps a second synth out. See
 * `output-scan.ts` for what makes a folder fleetform's, and `output-record.ts`
 * for the record that says so.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { flushFolder } from './atomic-file';
import { faultPoint } from './fault-points';
import { acquireFolderLock, DEFAULT_LOCK_TIMEOUT_MS } from './folder-lock';
import { describeFsError, OutputError } from './output-error';
import { contentHash, formatRecord, isSafeRelativePath, RECORD_FILE } from './output-record';
import { editedFile, ExistingOutput, listed, scanOutput } from './output-scan';
import { OutputStage } from './output-stage';
import { removeTree } from './remove-tree';
import { saveStatCache, StatCache } from './output-stat-cache';

/** What a write changed in the output folder; paths relative to it, sorted. */
export interface WriteReport {
  /** The output folder, absolute. */
  readonly outdir: string;
  readonly written: string[];
  readonly unchanged: string[];
  readonly removed: string[];
  /**
   * Folders beside the output that could not be deleted once the new output
   * was in place (the previous output moved aside, a dead synth's stage), each
   * with the reason: the synth succeeded, and the next one tries again.
   */
  readonly leftovers: string[];
}

/** One file of a new output, made only when the writer needs its content. */
export interface PlannedFile {
  /**
   * SHA-256 (hex) of everything the content is made from. When the record of
   * the same renderer has the same digest for the file and the file still holds
   * its recorded content, the file is kept without calling `render`.
   */
  readonly input?: string;
  /** The file's content; called at most once. */
  render(): string;
  /** Called instead of `render` when the file is kept without being rendered, with the plan's `measure` of its content (when the plan has one). */
  kept?(measure: number | undefined): void;
}

/** A new output given file by file: each file's content is asked for when it is written, and let go after. */
export interface OutputPlan {
  /**
   * What renders the files (its code and libraries): input digests are trusted
   * only from a record of the same renderer. Without one, every file is rendered.
   */
  readonly renderer?: string;
  /** Relative POSIX path → the file. */
  readonly files: ReadonlyMap<string, PlannedFile>;
  /**
   * A number to know of each file's content without reading it again (fleetform
   * counts YAML documents): kept with the file's metadata outside the output
   * (see `output-stat-cache.ts`) and handed to `kept`.
   */
  measure?(content: string | Buffer): number;
}

export interface WriteOutputOptions {
  /** The fleet that owns the folder: a folder another fleet wrote is refused. */
  readonly owner: string;
  /** How long to wait for another synth writing the same folder. @default 10000 */
  readonly lockTimeoutMs?: number;
  /**
   * Runs once the new output is complete and checked, before it replaces the
   * old one (also when nothing changed); if it throws, nothing is replaced.
   */
  readonly beforeCommit?: () => void;
}

/**
 * Makes `outdir` hold exactly `output` (relative POSIX path → content, or a
 * plan of files made on demand) and fleetform's record of them. The folder must be missing, empty, or written by
 * the same owner with nothing added or edited since; otherwise nothing is
 * written and an {@link OutputError} names every obstacle.
 */
export function writeOutput(outdir: string, output: ReadonlyMap<string, string> | OutputPlan, options: WriteOutputOptions): WriteReport {
  const plan = output instanceof Map ? planOf(output as ReadonlyMap<string, string>) : output as OutputPlan;
  checkPaths(plan.files);
  const dir = resolve(outdir);
  const parent = dirname(dir);
  if (parent === dir) throw new OutputError([`${dir} is the root of the file system; give outdir a folder of its own, for example "dist"`]);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new OutputError([describeFsError('create the folder', parent, e)]);
  }
  const release = acquireFolderLock(beside(dir, 'lock'), dir, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  try {
    return guarded(() => {
      const leftovers = recoverInterrupted(dir);
      const existing = scanOutput(dir, options.owner);
      if (Array.isArray(existing)) throw new OutputError(existing);
      const report = commit(dir, plan, existing, options);
      return { ...report, leftovers: [...leftovers, ...report.leftovers] };
    }, 'the previous output is left as it was');
  } finally {
    release();
  }
}

function commit(dir: string, plan: OutputPlan, existing: ExistingOutput, options: WriteOutputOptions): WriteReport {
  const report: WriteReport = { outdir: dir, written: [], unchanged: [], removed: [], leftovers: [] };
  const edited: string[] = [];
  const hashes = new Map<string, string>();
  const inputs = new Map<string, string>();
  const measures = new Map<string, number>();
  let read = 0;
  // Input digests are trusted only from a record of the same renderer.
  const known = plan.renderer !== undefined && existing.record?.renderer === plan.renderer ? existing.record.inputs : undefined;
  const cache = StatCache.load(dir, existing.recordText);
  const stage = new OutputStage(beside(dir, `stage-${uniqueSuffix()}`), dir);
  const measure = (content: string | Buffer) => plan.measure?.(content) ?? 0;
  // What a recorded file holds now: its recorded hash when its metadata says it is as fleetform left it, else read and hashed.
  const onDisk = (path: string, recorded: string): { readonly hash: string; readonly measure: number } => {
    const seen = cache.unchanged(dir, path);
    if (seen !== undefined) return { hash: recorded, measure: seen.measure };
    read++;
    const bytes = readFileSync(join(dir, path));
    return { hash: contentHash(bytes), measure: measure(bytes) };
  };
  try {
    for (const path of [...plan.files.keys()].sort()) {
      const file = plan.files.get(path)!;
      const recorded = existing.files.get(path);
      if (file.input !== undefined && plan.renderer !== undefined) inputs.set(path, file.input);
      let current: ReturnType<typeof onDisk> | undefined;
      // Made from the same inputs and still holding what was recorded: kept without rendering it.
      if (recorded !== undefined && file.input !== undefined && known?.get(path) === file.input) {
        current = onDisk(path, recorded);
        if (current.hash === recorded) {
          file.kept?.(plan.measure ? current.measure : undefined);
          hashes.set(path, recorded);
          measures.set(path, current.measure);
          report.unchanged.push(path);
          stage.keep(path);
          continue;
        }
      }
      const content = file.render();
      const hash = contentHash(content);
      hashes.set(path, hash);
      measures.set(path, measure(content));
      if (recorded !== undefined) current ??= onDisk(path, recorded);
      // A file that already holds the new content is kept whatever its history; one that would be
      // replaced must still hold what the record says fleetform wrote.
      if (current?.hash === hash) {
        report.unchanged.push(path);
        stage.keep(path);
      } else if (current === undefined || current.hash === recorded) {
        report.written.push(path);
        if (edited.length === 0) stage.write(path, content);
      } else edited.push(editedFile(join(dir, path)));
    }
    for (const path of [...existing.files.keys()].sort()) {
      if (plan.files.has(path)) continue;
      const recorded = existing.files.get(path)!;
      if (onDisk(path, recorded).hash === recorded) report.removed.push(path);
      else edited.push(editedFile(join(dir, path)));
    }
    if (edited.length > 0) throw new OutputError(listed(edited));
    const record = formatRecord({ owner: options.owner, files: hashes, ...(plan.renderer !== undefined ? { renderer: plan.renderer, inputs } : {}) });
    if (!stage.exists && report.written.length === 0 && report.removed.length === 0 && record === existing.recordText) {
      options.beforeCommit?.();
      if (read > 0) saveStatCache(dir, record, measures);
      return report;
    }
    stage.finish(record);
    faultPoint('before-commit');
    options.beforeCommit?.();
    const leftover = swapIn(stage.path, dir, existing.exists);
    if (leftover) report.leftovers.push(leftover);
    // Measured once the old folder is gone: removing its hard links changes the kept files' metadata.
    saveStatCache(dir, record, measures);
  } catch (e) {
    stage.discard();
    throw e;
  }
  return report;
}

/**
 * Puts `stage` where `dir` is: the current folder is renamed aside, the stage
 * renamed in, and the old one deleted. A synth killed between the two renames
 * leaves the old folder aside, and the next synth puts it back first. Once the
 * stage is in, the swap has happened: an old folder that cannot be deleted is
 * returned as a leftover, never an error.
 */
function swapIn(stage: string, dir: string, exists: boolean): string | undefined {
  if (!exists) {
    renameSync(stage, dir);
    flushFolder(dirname(dir));
    return undefined;
  }
  const aside = beside(dir, `old-${uniqueSuffix()}`);
  renameSync(dir, aside);
  try {
    faultPoint('between-renames');
    renameSync(stage, dir);
  } catch (e) {
    renameSync(aside, dir);
    throw e;
  }
  flushFolder(dirname(dir));
  faultPoint('after-swap');
  return removeLeftover(aside);
}

/** Deletes a folder beside the output; returns it, with the reason, when it cannot be deleted. */
function removeLeftover(path: string): string | undefined {
  try {
    faultPoint('remove-old');
    removeTree(path);
    return undefined;
  } catch (e) {
    return `${path} (${(e as Error).message})`;
  }
}

/**
 * Cleans up after a synth that was killed while writing `dir`: its stage is
 * deleted, and a previous output it had renamed aside is put back when `dir`
 * is missing (the swap did not finish), or deleted when `dir` is there.
 */
function recoverInterrupted(dir: string): string[] {
  const parent = dirname(dir);
  const stagePrefix = basename(beside(dir, 'stage-'));
  const asidePrefix = basename(beside(dir, 'old-'));
  const aside: string[] = [];
  const leftovers: string[] = [];
  const remove = (path: string) => {
    const left = removeLeftover(path);
    if (left) leftovers.push(left);
  };
  for (const name of readdirSync(parent).sort()) {
    if (name.startsWith(stagePrefix)) remove(join(parent, name));
    else if (name.startsWith(asidePrefix)) aside.push(join(parent, name));
  }
  if (aside.length > 0 && !exists(dir)) renameSync(aside.shift()!, dir);
  for (const path of aside) remove(path);
  return leftovers;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A plan of files whose content is already known. */
function planOf(files: ReadonlyMap<string, string>): OutputPlan {
  return { files: new Map([...files].map(([path, content]) => [path, { render: () => content }])) };
}

function checkPaths(files: ReadonlyMap<string, unknown>): void {
  for (const path of files.keys()) {
    if (!isSafeRelativePath(path) || path === RECORD_FILE) throw new TypeError(`output path ${JSON.stringify(path)} is not a plain relative path (this is a bug in fleetform)`);
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      if (files.has(path.slice(0, i))) throw new TypeError(`output path ${JSON.stringify(path.slice(0, i))} is both a file and a folder (this is a bug in fleetform)`);
    }
  }
}

/** A path beside `dir` that fleetform uses while writing it: `.<name>.fleetform-<what>`. */
function beside(dir: string, what: string): string {
  return join(dirname(dir), `.${basename(dir)}.fleetform-${what}`);
}

function uniqueSuffix(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Runs `fn`; a file system error becomes an {@link OutputError} naming the path, with `outcome` added. */
function guarded<T>(fn: () => T, outcome: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof OutputError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (typeof err?.code === 'string' && typeof err.path === 'string') {
      throw new OutputError([`${describeFsError(err.syscall ?? 'write', err.path, err)}; ${outcome}`]);
    }
    throw e;
  }
}
