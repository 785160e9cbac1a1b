/** `fleetform diff`: what a synth would change in the output folder, without writing. */
import { compareOutputByGroup, readRecordedOutput, type RecordedOutput } from '../../io/output-read';
import type { OutputPlan } from '../../io/output-writer';
import { outputPlan } from '../../synth/assembly';
import type { CliCommand } from '../command';
import { EXIT } from '../errors';
import { shown } from '../paths';
import { diffOutput, formatOutputDiff, mergeOutputDiffs, outputChanges, type OutputDiff } from '../format/output-diff';
import { styleFor } from '../style';
import { assembleFleet, fleetOf, outdirOf, programArgument, supportDateOption } from './common';

export const diffCommand: CliCommand = {
  name: 'diff',
  define(command) {
    programArgument(command.summary('show what a synth would change in the output folder').description(
      'Synthesizes the fleet in memory and compares it with the files fleetform wrote in the output folder: per cluster, '
      + 'each object (kind, namespace/name) added, removed or changed, with a diff of the changed ones. Writes nothing. '
      + 'Files in the folder that fleetform did not write are not part of its output and are not reported. '
      + 'Exit code 1 when something would change, 0 when nothing would.'));
    command.option('--out <dir>', 'output folder, from the working folder (default: dist in the project root)');
    supportDateOption(command);
    command.addHelpText('after', '\nExamples:\n  fleetform diff\n  fleetform diff examples/acme/fleet.ts --out dist || echo "synth would change dist/"');
  },
  async run({ operands, options }, ctx) {
    const fleet = await fleetOf(operands[0], ctx);
    const outdir = outdirOf(options.out, ctx);
    const assembly = assembleFleet(fleet, options, ctx, 'synthesizing in memory', { renderOnDemand: true });
    const err = styleFor(ctx.stderr, ctx.env);
    const recorded = readRecordedOutput(outdir, fleet.fleetName);
    for (const r of recorded.refusals) ctx.stderr.write(`${err.yellow('note:')} a synth would refuse this folder as it is: ${r}\n`);
    // Files whose inputs did not change since the recorded synth are taken from disk, not rendered.
    const { diff } = diffRecordedOutput(recorded, outputPlan(assembly));
    ctx.stdout.write(formatOutputDiff(diff, shown(outdir, ctx.cwd), styleFor(ctx.stdout, ctx.env)));
    return outputChanges(diff) ? EXIT.failed : EXIT.ok;
  },
};

/**
 * What a synth of `plan` would change in the recorded output, compared and
 * diffed one cluster's folder at a time, so that only one cluster's changed
 * files are held at once; and how many files were rendered.
 */
export function diffRecordedOutput(recorded: RecordedOutput, plan: OutputPlan): { readonly diff: OutputDiff; readonly rendered: number } {
  const diffs: OutputDiff[] = [];
  const rendered = compareOutputByGroup(recorded, plan, (c) => diffs.push(diffOutput(c.before, c.after, c.same)));
  return { diff: mergeOutputDiffs(diffs), rendered };
}
