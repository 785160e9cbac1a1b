/** Reading and writing the address lock's file: besides the output folder, the only file the model touches. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { AddressLock, LockContents, LockOwner, parseLock, readEntries } from '../net/address-lock';
import { writeFileAtomic } from './atomic-file';
import { resolveProjectPath } from './paths';

/** What `lock` records for the fleet `owner`: its file's content, or the entries it holds in memory. */
export function readAddressLock(lock: AddressLock, owner: LockOwner): LockContents {
  if (lock.path === undefined) {
    const { clusters, problems } = readEntries(lock.entries, owner);
    return { clusters: problems.length ? {} : clusters, exists: false, problems: problems.map((p) => `the address lock ${p}; fix AddressLock.of(...)`), releasedNumericIds: [] };
  }
  const path = resolveProjectPath(lock.path);
  if (!existsSync(path)) return { clusters: {}, path, exists: false, problems: [], releasedNumericIds: [] };
  if (!statSync(path).isFile()) return { clusters: {}, path, exists: true, problems: [`address lock ${path} is not a file; give AddressLock.file() the path of a JSON file`], releasedNumericIds: [] };
  return parseLock(readFileSync(path, 'utf8'), path, owner);
}

/** Writes the lock's text atomically: to a temporary file beside it, flushed, then renamed over it. */
export function writeAddressLock(path: string, text: string): void {
  writeFileAtomic(path, text);
}
