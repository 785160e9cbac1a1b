/** `fleetform list`: the fleet's clusters, apps, zones and load balancers, or fleet.json itself. */
import type { CliCommand } from '../command';
import { EXIT } from '../errors';
import { formatList } from '../format/list';
import { assembleFleet, fleetOf, programArgument, supportDateOption } from './common';

export const listCommand: CliCommand = {
  name: 'list',
  define(command) {
    programArgument(command.summary('list clusters, apps, GDPR zones and load balancers').description(
      'Resolves and checks the fleet and lists its clusters (id, environment, region, version, zones), its apps and the clusters they run on, '
      + 'its GDPR zones and load balancers. Writes nothing.'));
    command.option('--json', 'print fleet.json (the topology a synth writes) instead');
    supportDateOption(command);
    command.addHelpText('after', '\nExamples:\n  fleetform list\n  fleetform list examples/acme/fleet.ts --json | jq \'.clusters[].id\'');
  },
  async run({ operands, options }, ctx) {
    const fleet = await fleetOf(operands[0], ctx);
    const assembly = assembleFleet(fleet, options, ctx, 'checking');
    ctx.stdout.write(options.json === true ? assembly.topologyJson : formatList(assembly.topology));
    return EXIT.ok;
  },
};
