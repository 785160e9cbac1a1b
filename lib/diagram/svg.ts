/**
 * The fleet picture as SVG, laid out by Graphviz (`@viz-js/viz`: Graphviz
 * compiled to WebAssembly, bundled in the package, so it runs offline in Node
 * without a browser). The library is loaded on the first call only, so
 * `import 'fleetform'` does not pay for it.
 */
import type { Viz } from '@viz-js/viz';
import type { FleetAssembly } from '../synth/assembly';
import { renderDot } from './dot';
import { fleetGraph } from './fleet-graph';

let viz: Promise<Viz> | undefined;

/** Graphviz, loaded and started once. */
function graphviz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((m) => m.instance()).catch((e: unknown) => {
    viz = undefined;
    throw e;
  });
  return viz;
}

/** Renders DOT text to SVG with Graphviz's `dot` layout; the same text gives the same SVG. */
export async function renderSvg(dot: string): Promise<string> {
  return (await graphviz()).renderString(dot, { format: 'svg', engine: 'dot' });
}

/** The fleet as an SVG image: `fleetDot`'s graph laid out by Graphviz. */
export async function renderFleetSvg(assembly: FleetAssembly): Promise<string> {
  return renderSvg(renderDot(fleetGraph(assembly)));
}
