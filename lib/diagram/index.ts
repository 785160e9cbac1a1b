/** Pictures of the fleet: one graph model, drawn as Mermaid text, Graphviz DOT text, and SVG. */
export { fleetGraph, graphId } from './fleet-graph';
export type {
  ClusterGraphNode, FleetGraph, FleetGraphEdge, FleetGraphNode, GraphPolicy, LoadBalancerGraphNode, PolicyGraphNode, RegionGroup,
  RouteGraphNode, ZoneGraphNode,
} from './fleet-graph';
export { fleetDiagramMarkdown, fleetMermaid, mermaidText, renderMermaid } from './mermaid';
export { dotString, fleetDot, renderDot } from './dot';
export { renderFleetSvg, renderSvg } from './svg';
