/**
 * The command line's own file access: finding and reading the fleet program's
 * project files and writing a plan. The output folder is read and written by
 * lib/io only.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Whether `path` is a regular file. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether anything exists at `path`. */
export function exists(path: string): boolean {
  return existsSync(path);
}

/** The file's text, or undefined when there is no file. */
export function readTextIfFile(path: string): string | undefined {
  return isFile(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Writes `text` to `path`, creating its folder. */
export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
