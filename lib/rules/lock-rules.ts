/**
 * Changes to running clusters, judged against what the address lock records
 * of them: what EKS would refuse half way through an apply (a downgrade, a
 * jump of two minors), what would replace a cluster that has a fixed name (its
 * region, VPC range or service range), a rename that would replace a cluster
 * for want of `renamedFrom`, and what rolls nodes (warned, with the node
 * groups it recycles).
 */
import { ComputeMode } from '../environment-profile';
import type { LockedCluster } from '../net/address-lock';
import type { FleetModel, ResolvedCluster } from '../model/resolved';
import { FleetRule, problem, RuleFinding, warning } from './rule';

/** A minor as a number pair, such as 1.36 → [1, 36]. */
function minor(version: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * A cluster recorded by an earlier fleetform (lock format 1 or 2) has no
 * recorded minor; taking fleetform's default for it could be an upgrade the
 * program never asked for, so say which minor it gets and how to keep another.
 */
export const unrecordedVersion: FleetRule = {
  id: 'unrecorded-kubernetes-version',
  description: 'a running cluster without a recorded minor gets the default only with a warning',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const c of model.clusters) {
      const was = model.addressLock.entries[c.id];
      if (!was || was.kubernetesVersion !== undefined || c.kubernetesVersionSource !== 'default') continue;
      yield warning(c.path, `the address lock, written by an earlier fleetform, does not record which Kubernetes minor cluster ${c.id} runs; it is synthesized with fleetform's default, ${c.kubernetesVersion}, and recorded so. If the cluster runs an older minor, give its kubernetesVersion (or the fleet's) explicitly, so the next deploy does not upgrade it`);
    }
  },
};

/** Control planes move one minor at a time, upward: a downgrade or a jump is refused before EKS refuses it mid-apply. */
export const kubernetesVersionStep: FleetRule = {
  id: 'kubernetes-version-step',
  description: 'a running cluster moves at most one Kubernetes minor up from the one the lock records, never down',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const c of model.clusters) {
      const was = model.addressLock.entries[c.id]?.kubernetesVersion;
      if (was === undefined || was === c.kubernetesVersion) continue;
      const [a, b] = [minor(was), minor(c.kubernetesVersion)];
      if (!a || !b) continue;
      if (b[0] < a[0] || (b[0] === a[0] && b[1] < a[1])) {
        yield problem(c.path, `cluster ${c.id} runs Kubernetes ${was} (as the address lock records) and would go down to ${c.kubernetesVersion}; EKS never downgrades a control plane, so keep ${was} or replace the cluster with a new one`);
      } else if (b[0] !== a[0] || b[1] > a[1] + 1) {
        const nextMinor = `${a[0]}.${a[1] + 1}`;
        yield problem(c.path, `cluster ${c.id} runs Kubernetes ${was} (as the address lock records) and would jump to ${c.kubernetesVersion}; EKS upgrades a control plane one minor at a time, so go to ${nextMinor} first: synth, deploy, then the next minor`);
      }
    }
  },
};

/** What would replace a running cluster whose EKS name is fixed: refused with the reason. */
export const fixedClusterSettings: FleetRule = {
  id: 'fixed-cluster-settings',
  description: 'a running cluster keeps its region, VPC range, service range and compute mode (each change would replace its EKS cluster)',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const c of model.clusters) {
      const was = model.addressLock.entries[c.id];
      if (!was) continue;
      const now: [string, string | undefined, string | undefined][] = [
        ['region', was.region, c.region],
        ['VPC range', was.vpcCidr, c.network?.vpcCidr],
        ['service range', was.serviceCidr, c.network?.serviceCidr],
        // Recorded for Auto Mode clusters only, by entries that record a region; Auto Mode turns off the self-managed
        // add-ons EKS bootstraps, which is fixed when the EKS cluster is created.
        ['compute mode', was.region === undefined ? undefined : was.computeMode ?? ComputeMode.MANAGED_NODE_GROUPS, c.computeMode],
      ];
      for (const [what, before, after] of now) {
        if (before === undefined || after === undefined || before === after) continue;
        yield problem(c.path, `cluster ${c.id} would change its ${what} from ${before} to ${after}, which replaces its EKS cluster (${c.names.eksCluster}) and everything in it; keep ${before}, or add a cluster under a new id and decommission this one`);
      }
    }
  },
};

/** A cluster new to the lock beside a recorded one of the same region that the code dropped looks like a rename. */
export const renameWithoutRenamedFrom: FleetRule = {
  id: 'rename-without-renamed-from',
  description: 'a renamed cluster says renamedFrom, or the cluster it replaces is decommissioned',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const lock = model.addressLock;
    const dropped = lock.retired.filter((id) => !lock.decommissioned.includes(id) && lock.entries[id]?.region !== undefined);
    for (const c of model.clusters) {
      if (lock.entries[c.id] !== undefined) continue;
      for (const old of dropped.filter((id) => lock.entries[id].region === c.region)) {
        yield problem(c.path, `cluster ${c.id} is new, and the address lock records ${old} in ${c.region}, which the code no longer declares; if ${c.id} is ${old} renamed, give it renamedFrom: '${old}' (or its environment renamedFrom) to keep its EKS cluster, network and address block; if ${old} was removed on purpose, acknowledge it with fleet.decommissioned('${old}')`);
      }
    }
  },
};

/** Changes that recycle nodes: a new instance type or capacity type replaces a node group, a new tenancy rolls every node. */
export const nodeRolls: FleetRule = {
  id: 'node-rolls',
  description: 'changes that replace a running cluster\'s node groups or roll its nodes are reported',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const c of model.clusters) {
      const was = model.addressLock.entries[c.id];
      if (!was) continue;
      yield* poolChanges(c, was);
      if (was.tenancy !== undefined && was.tenancy !== c.tenancy) {
        yield warning(c.path, `cluster ${c.id} changes tenancy from ${was.tenancy} to ${c.tenancy}: every node group (${c.nodePools.map((p) => p.name).join(', ')}; ${c.nodePools.length} in all) gets a new launch template version and replaces its nodes one by one`);
      }
    }
  },
};

function* poolChanges(c: ResolvedCluster, was: LockedCluster): Iterable<RuleFinding> {
  const recycled: string[] = [];
  for (const p of c.nodePools) {
    const before = was.nodePools?.[p.name];
    if (!before) continue;
    const changes: string[] = [];
    if (before.instanceTypes.join(',') !== p.instanceTypes.join(',')) changes.push(`instance types ${before.instanceTypes.join(', ')} → ${p.instanceTypes.join(', ')}`);
    if (before.capacityType !== p.capacityType) changes.push(`capacity ${before.capacityType} → ${p.capacityType}`);
    if (changes.length > 0) recycled.push(`${p.name} (${changes.join('; ')})`);
  }
  if (recycled.length > 0) {
    yield warning(c.path, `cluster ${c.id} replaces ${recycled.length} node group${recycled.length === 1 ? '' : 's'}: ${recycled.join(', ')}; a new group is created before the old one is drained and deleted, so check each pool's quota and its apps' disruption budgets`);
  }
}

/** The rules of running clusters, in the order they run. */
export const LOCK_RULES: readonly FleetRule[] = [unrecordedVersion, kubernetesVersionStep, fixedClusterSettings, renameWithoutRenamedFrom, nodeRolls];
