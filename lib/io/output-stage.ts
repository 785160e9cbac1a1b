/**
 * The folder a new output is written into beside the old one, file by file as
 * the synth produces them, so no more than one file's content is held at a
 * time. It is created only once something differs from the current output:
 * until then, files kept as they are are only noted, and a synth that changes
 * nothing creates no stage at all.
 */
import { copyFileSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileFlushed } from './atomic-file';
import { faultPoint } from './fault-points';
import { RECORD_FILE } from './output-record';

export class OutputStage {
  private started = false;
  private readonly pending: string[] = [];
  private readonly made = new Set<string>();

  /**
   * @param path the stage folder (must not exist)
   * @param current the output folder now, where kept files are linked from
   */
  constructor(readonly path: string, private readonly current: string) {}

  /** Whether the stage folder was created. */
  get exists(): boolean {
    return this.started;
  }

  /** Puts the current folder's file `rel` in the stage as it is: a hard link (a copy where links are not supported). */
  keep(rel: string): void {
    if (!this.started) this.pending.push(rel);
    else this.link(rel);
  }

  /** Writes `content` as the stage's file `rel`; files at the root are flushed to disk. */
  write(rel: string, content: string): void {
    this.start();
    const target = this.target(rel);
    if (rel.includes('/')) writeFileSync(target, content);
    else writeFileFlushed(target, content);
    faultPoint('stage-file');
  }

  /** Completes the stage with the record, creating it (and linking every kept file) if nothing was written yet. */
  finish(record: string): void {
    this.start();
    writeFileFlushed(join(this.path, RECORD_FILE), record);
  }

  /** Deletes the stage, if it was created. */
  discard(): void {
    if (this.started) rmSync(this.path, { recursive: true, force: true });
  }

  private start(): void {
    if (this.started) return;
    mkdirSync(this.path);
    this.started = true;
    for (const rel of this.pending.splice(0)) this.link(rel);
  }

  private link(rel: string): void {
    const target = this.target(rel);
    const from = join(this.current, rel);
    try {
      linkSync(from, target);
    } catch {
      copyFileSync(from, target); // a file system without hard links
    }
    faultPoint('stage-file');
  }

  /** The stage path of `rel`, its folder created. */
  private target(rel: string): string {
    const slash = rel.lastIndexOf('/');
    if (slash > 0 && !this.made.has(rel.slice(0, slash))) {
      mkdirSync(join(this.path, rel.slice(0, slash)), { recursive: true });
      this.made.add(rel.slice(0, slash));
    }
    return join(this.path, rel);
  }
}
