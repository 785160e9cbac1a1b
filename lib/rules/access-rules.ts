/** Rules of team namespaces: a quota the namespace's app fits in, and that its cluster can hold. */
import { neededQuota } from '../model/resolve-access';
import { cpuMillicores, formatCpu, formatMemory, memoryMiB } from '../model/quantity';
import type { FleetModel } from '../model/resolved';
import { poolsCapacity } from './platform-rules';
import { FleetRule, problem, RuleFinding } from './rule';

/**
 * A team quota must let the namespace's app run at its most replicas through a
 * rolling update (else a rollout or a scale-up stalls on the quota), and must
 * not be larger than the cluster's node pools can hold at their most.
 */
export const teamQuotasFit: FleetRule = {
  id: 'team-quotas-fit',
  description: 'each team namespace\'s quota fits its app and its cluster',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const c of model.clusters) {
      const capacity = poolsCapacity(c);
      for (const ns of Object.values(c.rbac.namespaces)) {
        if (ns.quota === undefined || ns.team === undefined) continue;
        const cpu = cpuMillicores(ns.quota.cpu);
        const memory = memoryMiB(ns.quota.memory);
        if (cpu === undefined || memory === undefined) continue; // the team reports the quantity
        const app = c.apps.find((a) => a.spec.namespace === ns.namespace);
        if (app) {
          const need = neededQuota(app.spec);
          const [needCpu, needMemory] = [cpuMillicores(need.cpu)!, memoryMiB(need.memory)!];
          if (cpu < needCpu || memory < needMemory) {
            yield problem(ns.team, `the quota of namespace "${ns.namespace}" on cluster "${c.id}" (${formatCpu(cpu)}, ${formatMemory(memory)}) is below what app ${app.name} requests at its peak (most replicas, a rolling update's surge, pods still terminating) (${formatCpu(needCpu)}, ${formatMemory(needMemory)}); `
              + 'a rollout or a scale-up would stall on it, so raise the quota or lower the app\'s replicas or requests');
          }
        }
        if (capacity && (cpu > capacity.cpu || memory > capacity.memory)) {
          yield problem(ns.team, `the quota of namespace "${ns.namespace}" on cluster "${c.id}" (${formatCpu(cpu)}, ${formatMemory(memory)}) is larger than the cluster's node pools can hold at their most (${formatCpu(capacity.cpu)}, ${formatMemory(capacity.memory)}); `
            + 'lower the quota, or raise a pool\'s maxSize');
        }
      }
    }
  },
};

/** The rules of access, in the order they run. */
export const ACCESS_RULES: readonly FleetRule[] = [teamQuotasFit];
