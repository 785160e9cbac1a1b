/**
 * Reads back what fleetform wrote in an output folder, for a diff against a
 * new synth: only the files its record lists, with the content they hold now.
 * Files fleetform did not write are not part of its output and are ignored;
 * nothing is written.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecord, RECORD_FILE } from './output-record';
import { scanOutput } from './output-scan';

/** The output fleetform recorded writing in a folder. */
export interface RecordedOutput {
  /** The folder, as given. */
  readonly outdir: string;
  /** The fleet the record names, when the folder has a record. */
  readonly owner?: string;
  /** Recorded files present as regular files: relative POSIX path → content now. */
  readonly files: ReadonlyMap<string, string>;
  /** Why a synth of the fleet `owner` would refuse the folder as it is (empty when it would not). */
  readonly refusals: readonly string[];
}

/** Reads the files fleetform recorded writing in `outdir`, for the fleet `fleet`; a missing folder has none. */
export function readRecordedOutput(outdir: string, fleet: string): RecordedOutput {
  const scanned = scanOutput(outdir, fleet);
  const refusals = Array.isArray(scanned) ? scanned : [];
  let recordText: string;
  try {
    recordText = readFileSync(join(outdir, RECORD_FILE), 'utf8');
  } catch {
    return { outdir, files: new Map(), refusals };
  }
  const record = parseRecord(recordText);
  if (typeof record === 'string') return { outdir, files: new Map(), refusals };
  const files = new Map<string, string>();
  for (const path of [...record.files.keys()].sort()) {
    const full = join(outdir, ...path.split('/'));
    try {
      if (!lstatSync(full).isFile()) continue;
    } catch {
      continue;
    }
    files.set(path, readFileSync(full, 'utf8'));
  }
  return { outdir, owner: record.owner, files, refusals };
}
