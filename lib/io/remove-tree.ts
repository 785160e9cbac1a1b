/**
 * Deleting a folder fleetform made beside the output (the previous output
 * moved aside, a dead synth's stage). It lists each folder with the entries'
 * types and unlinks files without a `stat` of each one first, which is what
 * `rmSync({ recursive: true })` does: the previous output of a 1,000-cluster
 * fleet holds over ten thousand files, and a synth deletes it every time.
 */
import { readdirSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Deletes `path` and everything below it; symbolic links are deleted, never
 * followed. A missing path is no error. Should anything fail part way (a
 * read-only file on Windows), the rest is left to `rmSync`, whose error, if it
 * fails too, is thrown.
 */
export function removeTree(path: string): void {
  try {
    removeListed(path);
  } catch {
    rmSync(path, { recursive: true, force: true });
  }
}

function removeListed(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeListed(path);
    else unlinkSync(path);
  }
  rmdirSync(dir);
}

