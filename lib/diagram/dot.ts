/**
 * The fleet graph in Graphviz DOT, the same picture as the Mermaid text:
 * regions as boxes holding their clusters, the same nodes, shapes, colours
 * and edges. Pure.
 */
import type { FleetAssembly } from '../synth/assembly';
import { FleetGraph, FleetGraphEdge, FleetGraphNode, fleetGraph } from './fleet-graph';
import { NODE_STYLES } from './styles';

/** A DOT double-quoted string: `"` and `\` escaped, line breaks spaces. */
export function dotString(text: string): string {
  return `"${text.replace(/[\r\n]+/g, ' ').replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/** A label of several lines, centred. */
const label = (lines: readonly string[]): string => `"${lines.map((l) => dotString(l).slice(1, -1)).join('\\n')}"`;

const SHAPES: Readonly<Record<FleetGraphNode['kind'], string>> = {
  loadBalancer: 'shape=box, style="rounded,filled,bold"',
  route: 'shape=box, peripheries=2, style=filled',
  policy: 'shape=diamond, style=filled',
  zone: 'shape=hexagon, style=filled',
  cluster: 'shape=box, style="rounded,filled"',
};

function node(n: FleetGraphNode): string {
  const s = NODE_STYLES[n.kind];
  return `${dotString(n.id)} [label=${label(n.lines)}, ${SHAPES[n.kind]}, fillcolor="${s.fill}", color="${s.stroke}", fontcolor="${s.text}"];`;
}

function edge(e: FleetGraphEdge): string {
  const attrs = [...(e.label !== undefined ? [`label=${label([e.label])}`] : []), ...(e.kind === 'member' ? ['style=dashed'] : [])];
  return `${dotString(e.from)} -> ${dotString(e.to)}${attrs.length > 0 ? ` [${attrs.join(', ')}]` : ''};`;
}

/** The DOT text of a fleet graph. */
export function renderDot(graph: FleetGraph): string {
  const lines = [
    `digraph ${dotString(`fleet ${graph.fleet}`)} {`,
    `  graph [rankdir=LR, label=${dotString(`fleet ${graph.fleet}`)}, labelloc=t, fontname="Helvetica", fontsize=14, nodesep=0.3, ranksep=0.6];`,
    '  node [fontname="Helvetica", fontsize=11, margin="0.15,0.06"];',
    '  edge [fontname="Helvetica", fontsize=10, color="#555555"];',
  ];
  const inRegion = new Set(graph.regions.flatMap((r) => r.clusters));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const n of graph.nodes) if (!inRegion.has(n.id)) lines.push(`  ${node(n)}`);
  for (const r of graph.regions) {
    // Graphviz draws a subgraph as a box only when its name starts with "cluster"; a space keeps it apart from node ids.
    lines.push(`  subgraph ${dotString(`cluster ${r.id}`)} {`);
    lines.push(`    graph [label=${dotString(r.label)}, style="rounded", color="#888888"];`);
    for (const id of r.clusters) lines.push(`    ${node(byId.get(id)!)}`);
    lines.push('  }');
  }
  for (const e of graph.edges) lines.push(`  ${edge(e)}`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The fleet in Graphviz DOT: the same graph as `fleetMermaid`'s. */
export function fleetDot(assembly: FleetAssembly): string {
  return renderDot(fleetGraph(assembly));
}
