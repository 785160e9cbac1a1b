/** Where relative paths of a fleet program point: the project root, not whatever folder it runs from. */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The nearest folder at or above `from` that holds a package.json, else `from` itself. */
export function projectRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(from);
    dir = up;
  }
}

/** `path` made absolute: as given when absolute, else from the project root. */
export function resolveProjectPath(path: string, from?: string): string {
  return isAbsolute(path) ? path : join(projectRoot(from), path);
}
