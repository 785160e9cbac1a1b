/** Single files written whole or not at all: a temporary name beside the target, flushed, then renamed over it. */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Writes `text` to `path` and flushes it to disk before returning. */
export function writeFileFlushed(path: string, text: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename inside it) to disk; a no-op where folders cannot be opened. */
export function flushFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself is still atomic.
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` with `text` atomically: a reader sees the old content or the
 * new one, never a mix or an empty file, and a crash leaves one of the two.
 */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.fleetform-tmp`;
  try {
    writeFileFlushed(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  flushFolder(dirname(path));
}
