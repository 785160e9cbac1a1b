/** Reading and writing the address lock's file: besides the output folder, the only file the model touches. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { AddressLock, checkEntries, LockContents, LockOwner, parseLock } from '../net/address-lock';
import { writeFileAtomic } from './atomic-file';
import { resolveProjectPath } from './paths';

/** The blocks recorded in `lock` for the fleet `owner`: its file's content, or the blocks it holds in memory. */
export function readAddressLock(lock: AddressLock, owner: LockOwner): LockContents {
  if (lock.path === undefined) {
    const problems = checkEntries(lock.blocks, owner);
    return { clusterBlocks: problems.length ? {} : lock.blocks, exists: false, problems: problems.map((p) => `the address lock ${p}; fix AddressLock.of(...)`) };
  }
  const path = resolveProjectPath(lock.path);
  if (!existsSync(path)) return { clusterBlocks: {}, path, exists: false, problems: [] };
  if (!statSync(path).isFile()) return { clusterBlocks: {}, path, exists: true, problems: [`address lock ${path} is not a file; give AddressLock.file() the path of a JSON file`] };
  return parseLock(readFileSync(path, 'utf8'), path, owner);
}

/** Writes the lock's text atomically: to a temporary file beside it, flushed, then renamed over it. */
export function writeAddressLock(path: string, text: string): void {
  writeFileAtomic(path, text);
}
