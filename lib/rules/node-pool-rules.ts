/** Rules on apps that require a node pool. */
import { ComputeMode } from '../environment-profile';
import type { FleetModel } from '../model/resolved';
import { FleetRule, problem, RuleFinding } from './rule';

/**
 * An app that requires a node pool must find it on every cluster it lands on:
 * its pods select the pool's nodes, and would stay pending where no node has it.
 */
export const appNodePoolExists: FleetRule = {
  id: 'app-node-pool-exists',
  description: 'every cluster an app lands on has the node pool the app requires',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const clusters = new Map(model.clusters.map((c) => [c.id, c]));
    for (const a of model.apps) {
      if (a.nodePool === undefined || a.placements.length === 0) continue;
      const lacking = a.placements.map((p) => clusters.get(p.clusterId)!).filter((c) => !c.nodePools.some((pool) => pool.name === a.nodePool));
      if (lacking.length === 0) continue;
      const which = lacking.map((c) => (c.computeMode === ComputeMode.AUTO_MODE
        ? `${c.id} (EKS Auto Mode: no node pools of its own)`
        : `${c.id} (pools: ${c.nodePools.map((pool) => pool.name).join(', ')})`)).join('; ');
      const none = lacking.length === a.placements.length;
      yield problem(a.path, `the app requires node pool "${a.nodePool}", which ${none ? 'no cluster it lands on has' : 'some clusters it lands on lack'}: ${which}; `
        + `add a pool named "${a.nodePool}" to ${none ? 'them' : 'those clusters'}, narrow the placement, or remove nodePool`);
    }
  },
};

/** The rules of node pool targeting, in the order they run. */
export const NODE_POOL_RULES: readonly FleetRule[] = [appNodePoolExists];
