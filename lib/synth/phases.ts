/**
 * The phases a cluster's manifests are applied in, and the charts any part of
 * the fleet contributes to a cluster. A chart's file is numbered by its phase
 * (`0000` baseline, `1000` access, `2000` platform, `3000` apps, `4000` edge,
 * `5000`+ raw manifests in the order added), so adding a chart never renames
 * another, and files sort in apply order.
 */
import type { App, Chart } from 'cdk8s';
import type { ResolvedCluster, ResolvedFleet } from '../model/resolved';
import type { ClusterValues } from './labels';

/** The phases, in apply order. */
export const PHASES = ['baseline', 'access', 'platform', 'apps', 'edge', 'raw'] as const;

/** One phase of a cluster's manifests. */
export type Phase = typeof PHASES[number];

/** Most charts a phase can number in sequence (raw manifests per cluster). */
export const MAX_SEQUENCE = 999;

/** One chart a cluster gets. */
export interface ChartContribution {
  readonly phase: Phase;
  /** Chart name, unique on the cluster: the file's stem and the Pulumi resource's name. */
  readonly name: string;
  /**
   * Position within the phase, for charts that must apply in order (raw
   * manifests); charts without one sort by name and apply together.
   */
  readonly sequence?: number;
  /**
   * Everything the chart depends on besides the cluster's identity and labels,
   * serialized: charts with the same key are rendered once for the whole fleet.
   * Omit for a chart that depends on the cluster itself.
   */
  readonly templateKey?: string;
  /**
   * For a chart without a template key: everything `build` depends on besides
   * the labels and the cluster's values, serialized. It lets a later synth keep
   * the chart's file without rendering it when nothing changed; omit it when
   * unsure, and the chart is rendered on every synth.
   */
  readonly inputKey?: string;
  /** Renders the chart in `app`, with `labels` on every object and the cluster's `values` (sentinels, for a template). */
  build(app: App, labels: Record<string, string>, values: ClusterValues): Chart;
}

/** Gives a cluster its charts; one per part of the fleet that puts objects on clusters. */
export type ClusterContributor = (cluster: ResolvedCluster, fleet: ResolvedFleet) => readonly ChartContribution[];

/** The number a chart's file starts with. */
export function fileNumber(c: Pick<ChartContribution, 'phase' | 'sequence'>): number {
  return PHASES.indexOf(c.phase) * 1000 + (c.sequence ?? 0);
}

/** Orders contributions for apply: by phase, then sequence, then name. */
export function byApplyOrder(a: ChartContribution, b: ChartContribution): number {
  return fileNumber(a) - fileNumber(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * What each chart waits for when applied, by chart name: every chart of a
 * phase waits for all charts of the last phase before it that has any; charts
 * within a phase apply together, except raw manifests, each of which waits for
 * the one added before it. `charts` must be in apply order.
 */
export function applyDependencies(charts: readonly { readonly chart: string; readonly phase: Phase }[]): Map<string, string[]> {
  const after = new Map<string, string[]>();
  let previousPhase: string[] = [];
  for (const phase of PHASES) {
    const current = charts.filter((c) => c.phase === phase).map((c) => c.chart);
    current.forEach((chart, i) => after.set(chart, phase === 'raw' && i > 0 ? [current[i - 1]] : previousPhase));
    if (current.length > 0) previousPhase = current;
  }
  return after;
}
