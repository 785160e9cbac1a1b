/** How each kind of node of the fleet graph is coloured, shared by both renderers. */
import type { FleetGraphNode } from './fleet-graph';

/** Fill, border and text colour of each kind of node, readable on light and dark pages. */
export const NODE_STYLES: Readonly<Record<FleetGraphNode['kind'], { readonly fill: string; readonly stroke: string; readonly text: string }>> = {
  loadBalancer: { fill: '#e6f4ea', stroke: '#2e7d32', text: '#111111' },
  route: { fill: '#e6f4ea', stroke: '#2e7d32', text: '#111111' },
  policy: { fill: '#f3e8fd', stroke: '#7b3fb0', text: '#111111' },
  zone: { fill: '#fff4d6', stroke: '#b8860b', text: '#111111' },
  cluster: { fill: '#e8f1fb', stroke: '#2f6fb3', text: '#111111' },
};
