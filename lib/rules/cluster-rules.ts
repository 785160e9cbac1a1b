/** Rules across clusters: ids, the cloud names derived from them, endpoints and capacity. */
import { CapacityType } from '../node-pool';
import type { FleetModel, ResolvedCluster } from '../model/resolved';
import { FleetRule, problem, RuleFinding, warning } from './rule';

/** Two clusters with one id would share a folder, names and a network. */
export const clusterIdsUnique: FleetRule = {
  id: 'cluster-ids-unique',
  description: 'every cluster id is used once',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const first = new Map<string, string>();
    for (const c of model.clusters) {
      const seen = first.get(c.id);
      if (seen === undefined) first.set(c.id, c.path);
      else yield problem(c.path, `cluster id "${c.id}" is also the id of ${seen}; give one of them another id`);
    }
  },
};

/**
 * Names the binding gives cloud resources are built from the cluster id and a
 * second name (a pool's, a principal's hash); two different pairs can still
 * spell one name (`prod-eu-west-1` + `b-general`, `prod-eu-west-1-b` +
 * `general`), which Pulumi refuses at deploy as a duplicate URN.
 */
export const physicalNamesUnique: FleetRule = {
  id: 'physical-names-unique',
  description: 'no two cloud resources of the fleet get the same name',
  *check(model: FleetModel): Iterable<RuleFinding> {
    yield* stemsTaken(model);
    const owners = new Map<string, { readonly cluster: string; readonly what: string }>();
    const ids = new Set<string>();
    for (const c of model.clusters) {
      if (ids.has(c.id)) continue; // a duplicated id is reported once, by cluster-ids-unique
      ids.add(c.id);
      const names: [string, string][] = [
        ...c.nodePools.map((p): [string, string] => [p.resourceName, `node pool "${p.name}"`]),
        ...c.grants.map((g): [string, string] => [g.resourceName, `the access entry of ${g.principal}`]),
      ];
      for (const [name, what] of names) {
        const owner = owners.get(name);
        if (owner === undefined) owners.set(name, { cluster: c.path, what });
        // Within one cluster, only a pool name used twice collides: the cluster reports that itself.
        else if (owner.cluster !== c.path) {
          yield problem(c.path, `${what} would name its cloud resources "${name}", as ${owner.what} of ${owner.cluster} already does; rename the pool or the cluster so the names differ`);
        }
      }
    }
  },
};

/**
 * A renamed cluster keeps the names it was first given (the address lock
 * records them), so a new cluster that takes its old id would spell them
 * again: reported on the newcomer, whose names are its id.
 */
function* stemsTaken(model: FleetModel): Iterable<RuleFinding> {
  const kinds = [
    { what: 'cloud resource names', of: (c: ResolvedCluster) => c.names.resource },
    { what: 'EKS cluster name', of: (c: ResolvedCluster) => c.names.eksCluster },
  ];
  for (const { what, of } of kinds) {
    const holders = new Map<string, ResolvedCluster[]>();
    for (const c of model.clusters) holders.set(of(c), [...(holders.get(of(c)) ?? []), c]);
    for (const [name, group] of holders) {
      const renamed = group.find((c) => c.renamedFrom !== undefined || c.names.resource !== c.id);
      if (group.length < 2 || renamed === undefined) continue; // one id twice: cluster-ids-unique reports it
      for (const c of group.filter((x) => x !== renamed)) {
        yield problem(c.path, `its ${what} would be "${name}", as those of ${renamed.path} are: a renamed cluster keeps the names the address lock records, so a new cluster cannot take its old id; give the new cluster an id no cluster of the fleet had before`);
      }
    }
  }
}

/** An API endpoint open to the internet is allowed only when asked for by name, and always reported. */
export const apiEndpointOpen: FleetRule = {
  id: 'api-endpoint-open',
  description: 'clusters whose Kubernetes API is open to the internet are reported',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const open = model.clusters.filter((c) => c.apiEndpoint.access === 'internet').map((c) => c.id);
    if (open.length > 0) {
      yield warning(model.fleet.path, `the Kubernetes API of ${open.join(', ')} is open to the whole internet (ApiEndpoint.openToTheInternet()); anyone can probe it, so list your own source ranges with ApiEndpoint.publicFrom() instead`);
    }
    for (const w of new Set(model.clusters.flatMap((c) => c.apiEndpoint.warnings))) yield warning(model.fleet.path, w);
  },
};

/**
 * A production cluster (production profile, or in the production environment
 * without a profile) keeps at least one on-demand pool: AWS may reclaim spot
 * nodes at two minutes' notice, many at once when capacity runs short, which
 * would take every replica of every app down together. `allowSpotOnly` accepts it.
 */
export const productionNotOnSpotAlone: FleetRule = {
  id: 'production-not-on-spot-alone',
  description: 'a production cluster has an on-demand node pool unless the program accepts spot alone',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const c of model.clusters) {
      const production = c.profile === 'production' || (c.profile === null && c.environment === 'production');
      if (!production || c.allowSpotOnly || c.nodePools.length === 0 || c.nodePools.some((p) => p.capacityType !== CapacityType.SPOT)) continue;
      yield problem(c.path, `every node pool of production cluster ${c.id} is spot (${c.nodePools.map((p) => p.name).join(', ')}): AWS may reclaim spot nodes at two minutes' notice, `
        + 'many at once when capacity runs short, taking every replica down together; add an on-demand pool (capacityType: CapacityType.ON_DEMAND), '
        + 'or accept it with allowSpotOnly: true on the cluster or its profile');
    }
  },
};

/** The rules across clusters, in the order they run. */
export const CLUSTER_RULES: readonly FleetRule[] = [clusterIdsUnique, physicalNamesUnique, apiEndpointOpen, productionNotOnSpotAlone];
