import { relative } from 'node:path';

/** A path as the user sees it: relative to the working folder when inside it, else absolute. */
export function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || /^[a-zA-Z]:/.test(rel) ? path : rel;
}
