/**
 * The fleet graph as a Mermaid flowchart (GitHub renders it in Markdown), and
 * a Markdown page holding it. Pure.
 *
 * Every node is declared on a line of its own with its style (`:::cluster`),
 * and every edge on a line of its own, so adding a cluster adds lines and
 * changes none.
 */
import type { FleetAssembly } from '../synth/assembly';
import { FleetGraph, FleetGraphEdge, FleetGraphNode, fleetGraph } from './fleet-graph';
import { NODE_STYLES } from './styles';

/**
 * Text for a quoted Mermaid label: characters Mermaid or HTML would read as
 * syntax become entity codes (`#quot;`, `#35;`), line breaks spaces.
 */
export function mermaidText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[#"<>&`|\\]/g, (ch) => `#${ch.codePointAt(0)};`);
}

const label = (lines: readonly string[]): string => `"${lines.map(mermaidText).join('<br/>')}"`;

/** A node's declaration: its shape by kind. */
function node(n: FleetGraphNode): string {
  const l = label(n.lines);
  switch (n.kind) {
    case 'loadBalancer': return `${n.id}([${l}]):::loadBalancer`;
    case 'route': return `${n.id}[[${l}]]:::route`;
    case 'policy': return `${n.id}{${l}}:::policy`;
    case 'zone': return `${n.id}{{${l}}}:::zone`;
    case 'cluster': return `${n.id}(${l}):::cluster`;
  }
}

function edge(e: FleetGraphEdge): string {
  const arrow = e.kind === 'member' ? '-.->' : '-->';
  return `${e.from} ${arrow}${e.label !== undefined ? `|${label([e.label])}|` : ''} ${e.to}`;
}

/** The Mermaid text of a fleet graph. */
export function renderMermaid(graph: FleetGraph): string {
  const lines = ['flowchart LR'];
  const inRegion = new Set(graph.regions.flatMap((r) => r.clusters));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const n of graph.nodes) if (!inRegion.has(n.id)) lines.push(`  ${node(n)}`);
  for (const r of graph.regions) {
    lines.push(`  subgraph ${r.id}[${label([r.label])}]`);
    for (const id of r.clusters) lines.push(`    ${node(byId.get(id)!)}`);
    lines.push('  end');
  }
  for (const e of graph.edges) lines.push(`  ${edge(e)}`);
  for (const [kind, s] of Object.entries(NODE_STYLES)) lines.push(`  classDef ${kind} fill:${s.fill},stroke:${s.stroke},color:${s.text}`);
  return `${lines.join('\n')}\n`;
}

/** The fleet as a Mermaid flowchart: regions and their clusters (environment, Kubernetes minor, apps), GDPR zones and their members, load balancers, their routes and the Route 53 decisions down to each cluster. */
export function fleetMermaid(assembly: FleetAssembly): string {
  return renderMermaid(fleetGraph(assembly));
}

/** A Markdown page of the fleet: a title, the Mermaid flowchart, and a legend. */
export function fleetDiagramMarkdown(assembly: FleetAssembly): string {
  const graph = fleetGraph(assembly);
  return [
    `# Fleet ${graph.fleet}`,
    '',
    '```mermaid',
    renderMermaid(graph).trimEnd(),
    '```',
    '',
    ...LEGEND,
    '',
  ].join('\n');
}

/** What the shapes and lines of the picture mean. */
const LEGEND = [
  '| shape | what it is |',
  '| --- | --- |',
  '| box (a region) | an AWS region, holding its clusters |',
  '| rounded box | a cluster: id; environment, Kubernetes minor, dedicated tenancy; the apps placed on it |',
  '| hexagon, dotted arrows | a GDPR zone and its member clusters |',
  '| stadium | a global load balancer: name, host name, and CloudFront path routes, or Route 53 and the policy of its records |',
  '| double-edged box | a path route: the path, the app it serves, the policy of its records |',
  '| diamond | a Route 53 decision below the top: a geolocation rule\'s or failover group\'s branch |',
  '| arrow label | the record\'s choice: a location (and the zone it stays in), `primary`/`secondary`, a weight; none for latency |',
];
