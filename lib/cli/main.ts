/**
 * The `fleetform` command line: synth, list, diff and plan a fleet program.
 * `main` parses the arguments with commander, runs the command and returns
 * the exit code (see errors.ts); it never calls process.exit itself.
 */
import { Command, CommanderError } from 'commander';
import { dirname, join } from 'node:path';
import { COMMANDS } from './commands';
import { CliContext, processContext } from './context';
import { CliError, describeThrown, EXIT, fleetProblems, problemLines } from './errors';
import { readTextIfFile } from './files';
import { ProgramError } from './program';
import { styleFor } from './style';

/** Runs the command line `argv` (without node and the script) and resolves to the exit code. */
export async function main(argv: readonly string[], ctx: CliContext = processContext()): Promise<number> {
  const err = styleFor(ctx.stderr, ctx.env);
  let exitCode: number = EXIT.ok;
  const program = new Command('fleetform')
    .description('Synthesize, inspect and preview a fleetform fleet program (a module whose default export is a Fleet, or a function returning one).')
    .version(ownVersion(), '-V, --version', 'print the version of fleetform')
    .helpOption('-h, --help', 'show help for the command line or for a command')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      outputError: (s, write) => write(err.red(s)),
    })
    .addHelpText('after', '\nExit codes: 0 done, 1 the fleet is invalid or the program failed (diff: the output would change), '
      + '2 a wrong command line, 3 plan --against: a resource would be replaced or deleted.\n'
      + 'Run fleetform <command> --help for a command\'s options and examples.');
  program.helpCommand('help [command]', 'show help for a command');
  for (const spec of COMMANDS) {
    const command = program.command(spec.name);
    spec.define(command);
    command.action(async (...args: unknown[]) => {
      const self = args[args.length - 1] as Command;
      exitCode = await spec.run({ operands: self.processedArgs as (string | undefined)[], options: self.opts() }, ctx);
    });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    return report(e, ctx);
  }
}

/** Prints what ended a command and returns its exit code. */
function report(e: unknown, ctx: CliContext): number {
  const err = styleFor(ctx.stderr, ctx.env);
  if (e instanceof CommanderError) {
    // Help and version asked for are a success; any other parse error is a wrong command line (commander printed it).
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
  }
  const problems = fleetProblems(e);
  if (problems) {
    const [head, ...rest] = problemLines(problems);
    ctx.stderr.write(`${err.red(head)}\n${rest.join('\n')}\n`);
    return EXIT.failed;
  }
  if (e instanceof CliError) {
    ctx.stderr.write(`${err.red('error:')} ${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof ProgramError) {
    ctx.stderr.write(`${err.red('error:')} ${e.program} failed:\n${describeThrown(e.thrown)}\n`);
    return EXIT.failed;
  }
  ctx.stderr.write(`${err.red('error:')} ${describeThrown(e)}\n`);
  return EXIT.failed;
}

/** fleetform's version, from its package.json (found above this file in the source tree and in build/). */
function ownVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const text = readTextIfFile(join(dir, 'package.json'));
    if (text === undefined) continue;
    try {
      const pkg = JSON.parse(text) as { name?: unknown; version?: unknown };
      if (pkg.name === 'fleetform' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}
