/** Why the output folder was not written: each problem names the path and how to proceed. */
export class OutputError extends Error {
  declare readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`the output was not written:\n  ${problems.join('\n  ')}`);
    this.name = 'OutputError';
    Object.defineProperty(this, 'problems', { value: Object.freeze([...problems]), enumerable: false });
  }
}

/** A file system error as one readable line: what failed, on which path, and the system's code. */
export function describeFsError(action: string, path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  const hint = code === 'EACCES' || code === 'EPERM' ? '; make it writable' : code === 'ENOSPC' ? '; free some disk space' : '';
  return `could not ${action} ${path} (${detail})${hint}`;
}
