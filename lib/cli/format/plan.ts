/**
 * `fleetform plan`: the resources a plan registers, per cluster and region:
 * counts by resource type and every stateful resource by name. Pure: the
 * plan, where each resource is and which types hold state are given.
 */
import type { RecordedPlan } from '../../pulumi/testing/plan';
import type { ResourceLocation } from '../../pulumi/testing/summary';
import type { Style } from '../style';
import { plural, table } from './table';

/** What a plan is and is not. */
export const PREVIEW_NOTE = 'This is a preview of what the program registers under fleetform\'s mocks, not of the cloud\'s state: '
  + 'drift, providers\' own defaults and values only the cloud computes are not in it (pulumi preview --diff sees those).';

export interface PlanTableInput {
  readonly plan: RecordedPlan;
  /** URN → cluster and region (`locateResources`). */
  readonly locations: ReadonlyMap<string, ResourceLocation>;
  /** Types whose replace or delete loses state (`STATEFUL_TYPES`). */
  readonly statefulTypes: readonly string[];
}

/** The plan as text: a header, then per cluster (and per region for resources of no cluster) a table of counts by type. */
export function formatPlanTable({ plan, locations, statefulTypes }: PlanTableInput, style: Style): string {
  const custom = plan.resources.filter((r) => r.custom && !r.read);
  const groups = new Map<string, { title: string; types: Map<string, number>; stateful: { type: string; name: string }[]; count: number }>();
  for (const r of custom) {
    const where = locations.get(r.urn) ?? {};
    const key = where.cluster !== undefined ? `0 ${where.cluster}` : `1 ${where.region ?? 'unknown'}`;
    const title = where.cluster !== undefined ? `cluster ${where.cluster}${where.region ? ` (${where.region})` : ''}` : `no cluster, ${where.region ?? 'unknown region'}`;
    const g = groups.get(key) ?? { title, types: new Map<string, number>(), stateful: [], count: 0 };
    g.types.set(r.type, (g.types.get(r.type) ?? 0) + 1);
    g.count++;
    if (statefulTypes.includes(r.type)) g.stateful.push({ type: r.type, name: r.name });
    groups.set(key, g);
  }
  const components = plan.resources.length - custom.length;
  const lines = [
    style.bold(`plan of ${plan.project}/${plan.stack}: ${plural(custom.length, 'cloud resource')} in ${plural(groups.size, 'group')} `
      + `(and ${plural(components, 'component or read', 'components and reads')})`),
    PREVIEW_NOTE,
  ];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    lines.push('', style.bold(`${g.title}: ${plural(g.count, 'resource')}`));
    const rows = [...g.types.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, n]) => {
      const names = g.stateful.filter((s) => s.type === type).map((s) => s.name).sort();
      return [String(n), type, names.length > 0 ? style.yellow(names.join(', ')) : ''];
    });
    lines.push(...table([['count', 'type', 'stateful, by name'], ...rows]));
  }
  return `${lines.join('\n')}\n`;
}
