/**
 * One command of the command line. Each lives in its own module under
 * commands/ and is listed once in commands/index.ts: adding a command is
 * writing its module and adding it to that list.
 */
import type { Command } from 'commander';
import type { CliContext } from './context';

/** What a command is run with: its arguments and its options, as commander parsed them. */
export interface Invocation {
  readonly operands: readonly (string | undefined)[];
  readonly options: Readonly<Record<string, unknown>>;
}

export interface CliCommand {
  /** The command's name, as typed: `fleetform <name>`. */
  readonly name: string;
  /** Declares the command's description, arguments, options and help text. */
  define(command: Command): void;
  /** Runs the command; resolves to its exit code. Throws CliError for a mistake the user can fix. */
  run(invocation: Invocation, ctx: CliContext): Promise<number>;
}
