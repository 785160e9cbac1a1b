/** `fleetform synth`: writes the fleet's manifests and fleet.json, like fleet.synth(). */
import { Option } from 'commander';
import type { AddressLockMode } from '../../fleet';
import type { CliCommand } from '../command';
import { shown } from '../paths';
import { EXIT } from '../errors';
import { formatSynthSummary, formatWarning } from '../format/synth';
import { progressOn, styleFor } from '../style';
import { fleetOf, outdirOf, programArgument, supportDate, supportDateOption } from './common';

export const synthCommand: CliCommand = {
  name: 'synth',
  define(command) {
    programArgument(command.summary('write each cluster\'s manifests and fleet.json').description(
      'Resolves and checks the fleet, then writes <out>/<cluster>/NNNN-<chart>.k8s.yaml and <out>/fleet.json, as fleet.synth() does: '
      + 'only files fleetform wrote are replaced or removed, and nothing is written when the fleet is invalid.'));
    command.option('--out <dir>', 'output folder, from the working folder (default: dist in the project root)');
    command.option('--strict', 'refuse the fleet when a rule warns');
    command.addOption(new Option('--address-lock <mode>', 'what to do with the address lock file').choices(['update', 'read-only', 'frozen']).default('update'));
    supportDateOption(command);
    command.addHelpText('after', '\nExamples:\n  fleetform synth\n  fleetform synth examples/acme/fleet.ts --out dist --strict\n  fleetform synth --address-lock frozen   # in CI: fail when the committed lock is not up to date');
  },
  async run({ operands, options }, ctx) {
    const fleet = await fleetOf(operands[0], ctx);
    const outdir = outdirOf(options.out, ctx);
    const err = styleFor(ctx.stderr, ctx.env);
    const logged: string[] = [];
    const progress = progressOn(ctx.stderr);
    progress.update(`synthesizing ${fleet.fleetName}…`);
    let result;
    try {
      result = fleet.synth({
        outdir, strict: options.strict === true, addressLock: options.addressLock as AddressLockMode,
        supportDate: supportDate(options, ctx), log: (line) => logged.push(line),
      });
    } catch (e) {
      progress.done();
      for (const line of logged) ctx.stderr.write(`${line}\n`);
      throw e;
    }
    progress.done();
    const warningLines = new Set(result.warnings.map((w) => `warning: [${w.path}] ${w.message}`));
    for (const w of result.warnings) ctx.stderr.write(`${err.yellow('warning:')} ${formatWarning(w)}\n`);
    for (const line of logged) if (!warningLines.has(line)) ctx.stderr.write(`${line}\n`);
    const objects = result.clusters.reduce((n, c) => n + c.files.reduce((m, f) => m + f.objectCount, 0), 0);
    ctx.stdout.write(`${formatSynthSummary({ clusters: result.clusters.length, objects, outdir: shown(outdir, ctx.cwd), report: result.report })}\n`);
    return EXIT.ok;
  },
};
