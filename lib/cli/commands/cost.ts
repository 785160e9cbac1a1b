/** `fleetform cost`: the estimated monthly cost per cluster, environment and fleet. */
import { Option } from 'commander';
import { resolve } from 'node:path';
import { estimateCost, formatCostReport } from '../../cost';
import type { CostOptions, NodeCountBasis } from '../../cost';
import type { CliCommand } from '../command';
import type { CliContext } from '../context';
import { CliError, EXIT } from '../errors';
import { readTextIfFile } from '../files';
import { assembleFleet, fleetOf, programArgument, supportDate, supportDateOption } from './common';

export const costCommand: CliCommand = {
  name: 'cost',
  define(command) {
    programArgument(command.summary('estimate the monthly cost per cluster, environment and fleet').description(
      'Estimates what the fleet costs per month on AWS from what the Pulumi binding creates (control planes by support phase, nodes, '
      + 'NAT gateways, load balancers, keys, logs, DNS, health checks, CloudFront), from fleetform\'s dated price table, and what the '
      + 'multi-cluster layout costs over one cluster of the same capacity. An estimate, not a quote. Writes nothing.'));
    command.addOption(new Option('--node-count <basis>', 'count each node pool at this size').choices(['min', 'desired', 'max']));
    command.option('--prices <file>', 'a JSON file of prices overriding the table: { "regions": { "eu-west-1": { ... } }, "global": { ... } }');
    command.option('--usage <file>', 'a JSON file of usage assumptions overriding the defaults, such as { "natDataGibPerCluster": 500 }');
    command.option('--json', 'print the report as JSON instead of tables');
    supportDateOption(command);
    command.addHelpText('after', '\nExamples:\n  fleetform cost\n  fleetform cost examples/acme/fleet.ts --node-count max\n'
      + '  fleetform cost --prices prices.json --usage usage.json --json');
  },
  async run({ operands, options }, ctx) {
    const fleet = await fleetOf(operands[0], ctx);
    const day = supportDate(options, ctx);
    const usage = { ...(jsonFile(options.usage, '--usage', ctx) as object | undefined) } as Record<string, unknown>;
    if (typeof options.nodeCount === 'string') usage.nodeCount = options.nodeCount as NodeCountBasis;
    const costOptions = {
      prices: jsonFile(options.prices, '--prices', ctx),
      usage,
      supportDate: day,
    } as CostOptions;
    const report = estimateCost(assembleFleet(fleet, options, ctx, 'estimating the cost of'), costOptions);
    const text = options.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatCostReport(report);
    ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return EXIT.ok;
  },
};

/** The parsed JSON of an option's file, or undefined when the option is not given. */
function jsonFile(path: unknown, option: string, ctx: CliContext): unknown {
  if (typeof path !== 'string') return undefined;
  const text = readTextIfFile(resolve(ctx.cwd, path));
  if (text === undefined) throw new CliError(`${option} ${path}: no such file`, EXIT.usage);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError(`${option} ${path} is not JSON: ${(e as Error).message}`, EXIT.usage);
  }
}
