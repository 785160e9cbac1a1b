/**
 * What is in the output folder before a synth writes it, read without
 * following any symbolic link: the files fleetform recorded writing and still
 * holding their recorded content, or the reasons the folder is refused.
 */
import { Dirent, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPOLOGY_FILE } from '../synth/fleet-topology';
import { OutputRecord, parseRecord, RECORD_FILE } from './output-record';

/** The output folder as fleetform found it. */
export interface ExistingOutput {
  readonly exists: boolean;
  /** The folder's record; undefined for a missing or empty folder. */
  readonly record?: OutputRecord;
  /** The record's text as read. */
  readonly recordText?: string;
  /**
   * Recorded files present as regular files: relative path → recorded hash.
   * Their content is not read here: the writer compares it with the new
   * output and checks the hash only of files it would replace or delete.
   */
  readonly files: ReadonlyMap<string, string>;
}

const MOST_LISTED = 10;

/** Reads `outdir` for the fleet `owner`; returns the problems that forbid writing it, if any. */
export function scanOutput(outdir: string, owner: string): ExistingOutput | string[] {
  let isDir: boolean;
  try {
    const st = lstatSync(outdir);
    if (st.isSymbolicLink()) return [`${outdir} is a symbolic link; fleetform never writes through links: give outdir the real folder`];
    isDir = st.isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, files: new Map() };
    throw e;
  }
  if (!isDir) return [`${outdir} is a file, not a folder; give outdir another path`];
  const entries = walk(outdir);
  if (entries.length === 0) return { exists: true, files: new Map() };
  const recordEntry = entries.find((e) => e.rel === RECORD_FILE && e.kind === 'file');
  if (recordEntry === undefined) return [unownedFolder(outdir, entries)];
  const recordText = readFileSync(join(outdir, RECORD_FILE), 'utf8');
  const record = parseRecord(recordText);
  if (typeof record === 'string') {
    return [`the output record ${join(outdir, RECORD_FILE)} cannot be trusted: ${record}; if the folder holds only fleetform's output, delete the folder and synth again`];
  }
  if (record.owner !== owner) {
    return [`${outdir} holds the output of the fleet "${record.owner}"; give the fleet "${owner}" its own outdir, or delete the folder if "${record.owner}" is gone`];
  }
  const problems: string[] = [];
  const files = new Map<string, string>();
  const recordedFolders = new Set<string>();
  for (const path of record.files.keys()) {
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) recordedFolders.add(path.slice(0, i));
  }
  for (const entry of entries) {
    const full = join(outdir, entry.rel);
    if (entry.kind === 'link') problems.push(`${full} is a symbolic link fleetform did not make; it never follows links: remove it from the output folder`);
    if (entry.kind === 'other') problems.push(`${full} was not written by fleetform; move it out of the output folder`);
    if (entry.kind !== 'file' || entry.rel === RECORD_FILE) continue;
    const recorded = record.files.get(entry.rel);
    if (recorded === undefined) {
      problems.push(`${full} was not written by fleetform (${RECORD_FILE} does not list it); move it out of the output folder, or give outdir a folder of its own`);
      continue;
    }
    files.set(entry.rel, recorded);
  }
  for (const entry of entries) {
    if (entry.kind === 'dir' && !recordedFolders.has(entry.rel)) {
      problems.push(`${join(outdir, entry.rel)} is a folder fleetform did not write; move it out of the output folder`);
    }
  }
  return problems.length > 0 ? listed(problems) : { exists: true, record, recordText, files };
}

function unownedFolder(outdir: string, entries: readonly Entry[]): string {
  const top = entries.filter((e) => !e.rel.includes('/')).map((e) => e.rel);
  const shown = `${top.slice(0, 5).join(', ')}${top.length > 5 ? `, … (${top.length} entries)` : ''}`;
  if (top.includes(TOPOLOGY_FILE)) {
    return `${outdir} holds a ${TOPOLOGY_FILE} but no ${RECORD_FILE}: the output of a fleetform version before output records, or of another tool. ` +
      `fleetform replaces only files it recorded writing: if the folder holds only generated output, delete it once and synth again; otherwise give outdir an empty or new folder (holds: ${shown})`;
  }
  return `${outdir} is not empty and fleetform did not write it (no ${RECORD_FILE}); give outdir an empty or new folder, for example "dist" (holds: ${shown})`;
}

/** The problem of a file the user changed after fleetform wrote it. */
export function editedFile(full: string): string {
  return `${full} was changed after fleetform wrote it, and fleetform does not overwrite edits: put the change in the fleet's code (addManifest for raw objects), then delete the file`;
}

/** At most ten problems, and a count of the rest. */
export function listed(problems: string[]): string[] {
  if (problems.length <= MOST_LISTED) return problems;
  return [...problems.slice(0, MOST_LISTED), `and ${problems.length - MOST_LISTED} more like these`];
}

interface Entry {
  readonly rel: string;
  readonly kind: 'file' | 'dir' | 'link' | 'other';
}

/** Every entry below `root`, depth first, names sorted; links are listed, never entered. */
function walk(root: string): Entry[] {
  const out: Entry[] = [];
  const visit = (dir: string, prefix: string): void => {
    const dirents: Dirent[] = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of dirents) {
      const rel = prefix === '' ? d.name : `${prefix}/${d.name}`;
      if (d.isSymbolicLink()) out.push({ rel, kind: 'link' });
      else if (d.isDirectory()) {
        out.push({ rel, kind: 'dir' });
        visit(join(dir, d.name), rel);
      } else out.push({ rel, kind: d.isFile() ? 'file' : 'other' });
    }
  };
  visit(root, '');
  return out;
}
