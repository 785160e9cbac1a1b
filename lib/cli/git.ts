/** Reading a file as a git commit holds it, for plan --against <ref>. */
import { spawnSync } from 'node:child_process';

/** The text of `path` (relative to `cwd`) at `ref`, or the reason git gave for not having it. */
export function gitShow(ref: string, path: string, cwd: string): { text: string } | { error: string } {
  const r = spawnSync('git', ['show', `${ref}:./${path.split('\\').join('/')}`], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) return { error: `git could not be run: ${r.error.message}` };
  if (r.status !== 0) return { error: (r.stderr || `git show exited with ${r.status}`).trim() };
  return { text: r.stdout };
}
