/**
 * How the command line ends: exit codes, and errors printed the way a user
 * can act on them.
 *
 *   0  done (diff: nothing would change; plan --against: nothing replaced or deleted)
 *   1  the fleet is invalid, the program failed, or (diff) the output would change
 *   2  the command line is wrong: an unknown command or option, a missing value
 *   3  plan --against: a resource would be replaced or deleted
 */
import type { FleetProblem } from '../errors';

export const EXIT = { ok: 0, failed: 1, usage: 2, destructive: 3 } as const;

/** A mistake the user can fix, printed as its message alone (no stack), ending the command with `exitCode`. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.failed) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * The problems of a `FleetValidationError`, also one thrown by another copy of
 * fleetform (where `instanceof` fails): recognised by its name and problem list.
 */
export function fleetProblems(e: unknown): readonly FleetProblem[] | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const x = e as { name?: unknown; problems?: unknown };
  if (x.name !== 'FleetValidationError' || !Array.isArray(x.problems)) return undefined;
  return x.problems.map((p: { path?: unknown; message?: unknown }) => ({ path: String(p?.path), message: String(p?.message) }));
}

/** The lines a fleet's problems print as, `[construct path] message`. */
export function problemLines(problems: readonly FleetProblem[]): string[] {
  const count = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`;
  return [`fleet is invalid (${count}):`, ...problems.map((p) => `  [${p.path}] ${p.message}`)];
}

/**
 * An error of the user's program as Node prints an uncaught one: its stack, else its message. Frames
 * of the command line itself and of the loaders that ran the program are left out: they are the same
 * for every program.
 */
export function describeThrown(e: unknown): string {
  const stack = typeof (e as { stack?: unknown } | null)?.stack === 'string' ? (e as { stack: string }).stack : undefined;
  if (stack !== undefined) return stack.split('\n').filter((line) => !isLoaderFrame(line)).join('\n');
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `thrown: ${typeof e === 'string' ? e : JSON.stringify(e) ?? String(e)}`;
}

const LOADER_FRAME = /[\\/]node_modules[\\/](commander|tsx|esbuild)[\\/]|\(node:|^\s+at node:/;

function isLoaderFrame(line: string): boolean {
  if (!/^\s+at /.test(line)) return false;
  return LOADER_FRAME.test(line) || line.includes(__dirname);
}
