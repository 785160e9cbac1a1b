/**
 * Where an edge-only stack finds the stack that deploys each cluster: the
 * stack name the user's choice gives for a cluster id and its wave. Pure: the
 * qualification with the organization and project happens in the binding.
 */
import type { ResolvedFleet } from '../../model/resolved';

/**
 * Where the edge-only stack finds each cluster's exports: a stack name per cluster id; a template
 * where `{cluster}` stands for the cluster id and `{wave}` for the name of its rollout wave; or a
 * function of both. A name without `/` is a stack of this stack's organization and project.
 */
export type ClusterStacks = string | Readonly<Record<string, string>> | ((clusterId: string, wave: string | undefined) => string);

/** Where a stack's load balancers are built: with its clusters, in another stack, or alone in this one. */
export type EdgePlacement = 'here' | 'elsewhere' | 'only';

/** The edge placements, for option checks. */
export const EDGE_PLACEMENTS: readonly EdgePlacement[] = ['here', 'elsewhere', 'only'];

/** The stack name `stacks` gives for cluster `id` in wave `wave`, as given; undefined when it gives none. */
export function givenStackName(stacks: ClusterStacks, id: string, wave: string | undefined): string | undefined {
  let name: string | undefined;
  if (typeof stacks === 'function') name = stacks(id, wave);
  else if (typeof stacks === 'string') name = stacks.replaceAll('{cluster}', id).replaceAll('{wave}', wave ?? '');
  else name = stacks[id];
  return typeof name === 'string' && name !== '' && !name.includes('{}') ? name : undefined;
}

/** `name` qualified as a StackReference takes it: a name without `/` belongs to `own`'s organization and project. */
export function qualifiedStackName(name: string, own: string): string {
  return name.includes('/') ? name : `${own.slice(0, own.lastIndexOf('/'))}/${name}`;
}

/** The name of the rollout wave cluster `id` belongs to, if the fleet has a plan. */
export function waveOf(fleet: ResolvedFleet, id: string): string | undefined {
  return fleet.rolloutPlans[0]?.waves.find((w) => w.clusters.includes(id))?.name;
}
