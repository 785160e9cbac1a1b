/** Reading and writing the address lock's file: the model's only file I/O besides the output folder. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AddressLock, LockContents, parseLock, renderLock } from '../net/address-lock';

/** The blocks recorded in `lock`: its file's content, or the blocks it holds in memory. */
export function readAddressLock(lock: AddressLock): LockContents {
  if (lock.path === undefined) return { clusterBlocks: lock.blocks, problems: [] };
  if (!existsSync(lock.path)) return { clusterBlocks: {}, path: lock.path, problems: [] };
  return parseLock(readFileSync(lock.path, 'utf8'), lock.path);
}

/** Writes the given blocks to the lock's file if it has one and the content differs. Returns whether it wrote. */
export function saveAddressLock(lock: AddressLock, clusterBlocks: Readonly<Record<string, string>>): boolean {
  if (lock.path === undefined) return false;
  const text = renderLock(clusterBlocks);
  if (existsSync(lock.path) && readFileSync(lock.path, 'utf8') === text) return false;
  writeFileSync(lock.path, text);
  return true;
}
