/** Options and steps shared by the commands that run a fleet program. */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { isIsoDate } from '../../catalog/iso-date';
import type { Fleet } from '../../fleet';
import type { FleetAssembly } from '../../synth/assembly';
import { resolveProjectPath } from '../../io/paths';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../errors';
import { shown } from '../paths';
import { findProgram, loadFleet } from '../program';
import { formatWarning } from '../format/synth';
import { progressOn, styleFor } from '../style';

/** The environment variable that fixes the day EKS support is judged on, like --support-date. */
export const SUPPORT_DATE_ENV = 'FLEETFORM_SUPPORT_DATE';

/** `[program]`: the fleet program argument. */
export function programArgument(command: Command): Command {
  return command.argument('[program]', 'the fleet program (default: package.json "fleetform": { "program" }, else fleet.ts, else fleet.js)');
}

/** `--support-date <day>`. */
export function supportDateOption(command: Command): Command {
  return command.addOption(new Option('--support-date <YYYY-MM-DD>', `judge EKS support on this day instead of today (default: $${SUPPORT_DATE_ENV})`));
}

/** The day given by --support-date or the environment, checked; undefined for today. */
export function supportDate(options: Readonly<Record<string, unknown>>, ctx: CliContext): string | undefined {
  const given = options.supportDate as string | undefined;
  const day = given ?? (ctx.env[SUPPORT_DATE_ENV] || undefined);
  if (day === undefined) return undefined;
  if (!isIsoDate(day)) {
    const source = given !== undefined ? '--support-date' : `$${SUPPORT_DATE_ENV}`;
    throw new CliError(`${source} is "${day}"; give a calendar day as YYYY-MM-DD, such as 2026-11-20`, EXIT.usage);
  }
  return day;
}

/** Finds and loads the fleet program, with a progress line on a terminal. */
export async function fleetOf(program: string | undefined, ctx: CliContext): Promise<Fleet> {
  const path = findProgram(ctx.cwd, program);
  const progress = progressOn(ctx.stderr);
  progress.update(`loading ${shown(path, ctx.cwd)}…`);
  try {
    return await loadFleet(path, ctx.cwd);
  } finally {
    progress.done();
  }
}

/** The output folder: --out from the working folder, else `dist` in the project root (as fleet.synth()). */
export function outdirOf(out: unknown, ctx: CliContext): string {
  return typeof out === 'string' ? resolve(ctx.cwd, out) : resolveProjectPath('dist', ctx.cwd);
}

/**
 * Assembles the fleet in memory on the day --support-date gives, with a
 * progress line saying `doing`, and prints its warnings on standard error.
 */
export function assembleFleet(
  fleet: Fleet, options: Readonly<Record<string, unknown>>, ctx: CliContext, doing: string, assemble: { readonly renderOnDemand?: boolean } = {},
): FleetAssembly {
  const day = supportDate(options, ctx);
  const progress = progressOn(ctx.stderr);
  progress.update(`${doing} ${fleet.fleetName}…`);
  let assembly: FleetAssembly;
  try {
    assembly = fleet.assemble({ supportDate: day, ...assemble });
  } finally {
    progress.done();
  }
  const err = styleFor(ctx.stderr, ctx.env);
  for (const w of assembly.warnings) ctx.stderr.write(`${err.yellow('warning:')} ${formatWarning(w)}\n`);
  return assembly;
}
