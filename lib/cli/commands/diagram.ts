/** `fleetform diagram`: the fleet as a picture, a Mermaid diagram in Markdown and an SVG. */
import { Option } from 'commander';
import { join, resolve } from 'node:path';
import { fleetDiagramMarkdown, fleetDot, fleetMermaid, renderFleetSvg } from '../../diagram';
import type { CliCommand } from '../command';
import { EXIT } from '../errors';
import { writeText } from '../files';
import { shown } from '../paths';
import { progressOn } from '../style';
import { assembleFleet, fleetOf, programArgument, supportDateOption } from './common';

export const diagramCommand: CliCommand = {
  name: 'diagram',
  define(command) {
    programArgument(command.summary('draw the fleet: a Mermaid diagram in Markdown and an SVG').description(
      'Draws regions, clusters per environment, GDPR zones, load balancers with their routes down to each cluster, and the apps per cluster. '
      + 'Writes <out>/<fleet>.diagram.md (a Mermaid flowchart, which GitHub renders) and <out>/<fleet>.diagram.svg (laid out by Graphviz), '
      + 'or prints one text form with --print.'));
    command.option('--out <dir>', 'folder to write the two files into, from the working folder', '.');
    command.addOption(new Option('--print <form>', 'print this form to stdout instead of writing files').choices(['mermaid', 'markdown', 'dot', 'svg']));
    supportDateOption(command);
    command.addHelpText('after', '\nExamples:\n  fleetform diagram --out docs\n  fleetform diagram examples/acme/fleet.ts --print mermaid');
  },
  async run({ operands, options }, ctx) {
    const fleet = await fleetOf(operands[0], ctx);
    const assembly = assembleFleet(fleet, options, ctx, 'drawing');
    const progress = progressOn(ctx.stderr);
    try {
      switch (options.print) {
        case 'mermaid': ctx.stdout.write(fleetMermaid(assembly)); return EXIT.ok;
        case 'markdown': ctx.stdout.write(fleetDiagramMarkdown(assembly)); return EXIT.ok;
        case 'dot': ctx.stdout.write(fleetDot(assembly)); return EXIT.ok;
        case 'svg': ctx.stdout.write(await renderFleetSvg(assembly)); return EXIT.ok;
        default: break;
      }
      const out = resolve(ctx.cwd, typeof options.out === 'string' ? options.out : '.');
      const markdown = join(out, `${fleet.fleetName}.diagram.md`);
      const svg = join(out, `${fleet.fleetName}.diagram.svg`);
      progress.update('laying out the SVG…');
      const svgText = await renderFleetSvg(assembly);
      writeText(markdown, fleetDiagramMarkdown(assembly));
      writeText(svg, svgText);
      progress.done();
      ctx.stdout.write(`wrote ${shown(markdown, ctx.cwd)} and ${shown(svg, ctx.cwd)}\n`);
      return EXIT.ok;
    } finally {
      progress.done();
    }
  },
};
