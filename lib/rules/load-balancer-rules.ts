/** Rules of global load balancers: targets that exist, routes that land, residency kept, room for a lost region. */
import type { TreeRouting } from '../model/dns-tree';
import type { FleetModel } from '../model/resolved';
import { FleetRule, problem, RuleFinding, warning } from './rule';

/** CloudFront's default quotas per distribution (adjustable): cache behaviours besides the default, and origins. */
export const CLOUDFRONT_QUOTAS = { cacheBehaviors: 75, origins: 100 } as const;

/** Clusters a load balancer names must be in the fleet; each served app must run on a target. */
export const loadBalancerTargets: FleetRule = {
  id: 'load-balancer-targets',
  description: 'a load balancer names clusters of the fleet and every app it serves runs on one of its targets',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const hostnames = new Map<string, string>();
    for (const lb of model.loadBalancers) {
      for (const id of lb.unknownClusters) {
        yield problem(lb.path, `names cluster "${id}", which is not among its targets or not in the fleet; fix the id or add the cluster to targets`);
      }
      for (const t of lb.trees) {
        if (t.clusters.length === 0) {
          yield problem(lb.path, `${t.path !== undefined ? `route "${t.path}"` : 'the load balancer'} sends users to app ${t.app}, which runs on none of its targets (${lb.targets.join(', ') || 'none'}); place the app on a target or widen the targets`);
        }
      }
      const other = hostnames.get(lb.hostname);
      if (other !== undefined) yield problem(lb.path, `hostname "${lb.hostname}" is also served by ${other}; give each load balancer its own host name`);
      hostnames.set(lb.hostname, lb.path);
      if (lb.edge === 'cloudfront' && lb.trees.length - 1 > CLOUDFRONT_QUOTAS.cacheBehaviors) {
        yield problem(lb.path, `${lb.trees.length} routes need ${lb.trees.length - 1} cache behaviours, over CloudFront's default of ${CLOUDFRONT_QUOTAS.cacheBehaviors} per distribution; merge routes or split the host name`);
      }
      if (lb.edge === 'cloudfront' && lb.trees.length > CLOUDFRONT_QUOTAS.origins) {
        yield problem(lb.path, `${lb.trees.length} routes need ${lb.trees.length} origins, over CloudFront's default of ${CLOUDFRONT_QUOTAS.origins} per distribution; merge routes or split the host name`);
      }
      if (lb.targets.length > 0 && new Set(lb.targets.map((id) => model.clusters.find((c) => c.id === id)!.region)).size === 1) {
        yield warning(lb.path, `every target of the load balancer runs in one region (${model.clusters.find((c) => c.id === lb.targets[0])!.region}); it is not highly available across regions, so add a target in another region`);
      }
    }
  },
};

/** Each rule of a geolocation policy needs clusters to answer with; a zone's rule only clusters of the zone. */
export const loadBalancerPolicies: FleetRule = {
  id: 'load-balancer-policies',
  description: 'every branch of a routing policy has clusters to answer with, and a zone\'s branches only zone clusters',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const zones = new Map(model.zones.map((z) => [z.name, z]));
    for (const lb of model.loadBalancers) {
      for (const t of lb.trees) {
        const where = t.path !== undefined ? `route "${t.path}": ` : '';
        for (const p of policyProblems(t.routing, t.clusters, zones)) yield problem(lb.path, `${where}${p}`);
      }
    }
  },
};

function* policyProblems(r: TreeRouting, clusters: readonly string[], zones: ReadonlyMap<string, { clusters: readonly string[] }>): Iterable<string> {
  switch (r.kind) {
    case 'weighted':
      if (r.weights.filter((w) => clusters.includes(w.clusterId)).length === 0) yield 'weighted routing names none of the clusters that serve the app; weigh the clusters it runs on';
      return;
    case 'failover':
      if (r.primary.filter((id) => clusters.includes(id)).length === 0) yield 'failover routing has no primary cluster that serves the app; name one it runs on';
      if (r.secondary.filter((id) => clusters.includes(id)).length === 0) yield 'failover routing has no secondary cluster that serves the app; without one there is nothing to fail over to';
      yield* policyProblems(r.inner, clusters, zones);
      return;
    case 'geolocation':
      for (const rule of r.rules) {
        const where = rule.location.kind === 'default' ? 'the default rule' : `the rule for ${rule.location.kind} ${rule.location.code}`;
        const members = rule.clusters.filter((id) => clusters.includes(id));
        if (members.length === 0) yield `geolocation ${where} has no cluster that serves the app${rule.zone ? ` in zone ${rule.zone}` : ''}; give it clusters among the targets`;
        const zone = rule.zone !== undefined ? zones.get(rule.zone) : undefined;
        const outside = zone ? rule.clusters.filter((id) => !zone.clusters.includes(id)) : [];
        if (outside.length > 0) yield `geolocation ${where} keeps answers in zone ${rule.zone} but lists ${outside.join(', ')}, outside the zone; list only the zone's clusters`;
        yield* policyProblems(rule.inner, members, zones);
      }
      return;
    case 'latency':
      return;
  }
}

/** Every name a residency app is served under answers from its zone, whatever the clusters' health. */
export const residencyRouting: FleetRule = {
  id: 'residency-routing',
  description: 'routes to residency apps answer only from their zone, and never through an edge the zone refuses',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const zones = new Map(model.zones.map((z) => [z.name, z]));
    for (const lb of model.loadBalancers) {
      for (const t of lb.trees) {
        if (t.residency === undefined) continue;
        const z = zones.get(t.residency);
        if (!z) continue;
        const leaves = new Set(t.leaves.map((l) => l.clusterId));
        const outside = [...leaves].filter((id) => !z.clusters.includes(id)).sort();
        if (outside.length > 0) {
          yield problem(lb.path, `${t.path !== undefined ? `route "${t.path}" to ` : ''}app ${t.app} keeps its data in zone ${z.name}, but the load balancer could answer from ${outside.join(', ')}, outside the zone; restrict its targets to the zone's clusters`);
        }
        if (lb.edge === 'cloudfront' && z.edge === 'dns-only') {
          yield problem(lb.path, `route "${t.path}" to app ${t.app} would pass through CloudFront, which zone ${z.name} refuses (edge: dns-only); serve the app on a host name of its own without routes`);
        }
      }
    }
  },
};

/** With any one target region lost, the rest still run each app's peak. */
export const regionLossCapacity: FleetRule = {
  id: 'region-loss-capacity',
  description: 'losing any one target region leaves enough replicas for each served app\'s peak',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const region = new Map(model.clusters.map((c) => [c.id, c.region]));
    const apps = new Map(model.apps.map((a) => [a.name, a]));
    for (const lb of model.loadBalancers) {
      for (const t of lb.trees) {
        const app = apps.get(t.app);
        if (!app || t.clusters.length === 0) continue;
        const spec = new Map(app.placements.map((p) => [p.clusterId, p.spec]));
        const most = (id: string) => spec.get(id)?.autoscaling?.maxReplicas ?? spec.get(id)?.replicas ?? 0;
        const least = (id: string) => spec.get(id)?.autoscaling?.minReplicas ?? spec.get(id)?.replicas ?? 0;
        const peak = app.peakReplicas ?? t.clusters.reduce((n, id) => n + least(id), 0);
        for (const lost of [...new Set(t.clusters.map((id) => region.get(id)!))].sort()) {
          const left = t.clusters.filter((id) => region.get(id) !== lost);
          const capacity = left.reduce((n, id) => n + most(id), 0);
          if (capacity >= peak) continue;
          const message = `losing region ${lost} leaves ${left.join(', ') || 'no cluster'} able to run at most ${capacity} replicas of ${t.app}, below its peak of ${peak}${app.peakReplicas === undefined ? ' (the sum of its replicas)' : ''}; raise maxReplicas on the others or add a target in another region${t.residency ? ` of zone ${t.residency}` : ''}`;
          yield lb.regionLoss === 'enforce' ? problem(lb.path, message) : warning(lb.path, message);
        }
      }
    }
  },
};

/** The rules of load balancers, in the order they run. */
export const LOAD_BALANCER_RULES: readonly FleetRule[] = [loadBalancerTargets, loadBalancerPolicies, residencyRouting, regionLossCapacity];
