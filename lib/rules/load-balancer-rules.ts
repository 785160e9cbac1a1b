/** Rules of global load balancers: targets that exist, routes that land, policies whose every branch answers, room for a lost region. */
import { servesPort } from '../app-kind';
import { CLOUDFRONT_LIMITS } from '../catalog/edge-limits';
import type { TreeRouting } from '../model/dns-tree';
import type { FleetModel, LoadBalancerTree, ResolvedLoadBalancer } from '../model/resolved';
import { DNS_RULES } from './dns-rules';
import { RESIDENCY_ROUTING_RULES } from './residency-rules';
import { FleetRule, problem, RuleFinding, warning } from './rule';

/** CloudFront's default quotas per distribution (adjustable): cache behaviours besides the default, and origins. */
export const CLOUDFRONT_QUOTAS = { cacheBehaviors: CLOUDFRONT_LIMITS.cacheBehaviors, origins: CLOUDFRONT_LIMITS.origins } as const;

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

/** Every group of a routing policy has clusters to answer with, and a zone's rules only zone clusters. */
export const loadBalancerPolicies: FleetRule = {
  id: 'load-balancer-policies',
  description: 'every branch of a routing policy has clusters that serve the app, and a zone\'s branches only zone clusters',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const zones = new Map(model.zones.map((z) => [z.name, z]));
    const apps = new Map(model.apps.map((a) => [a.name, a]));
    for (const lb of model.loadBalancers) {
      for (const t of lb.trees) {
        if (t.clusters.length === 0) continue; // reported by load-balancer-targets
        const where = t.path !== undefined ? `route "${t.path}": ` : '';
        const why = reasons(lb, t, new Set(apps.get(t.app)?.placements.map((p) => p.clusterId) ?? []), zones);
        for (const p of policyProblems(t.routing, t.clusters, t.app, why, zones)) yield problem(lb.path, `${where}${p}`);
      }
    }
  },
};

/** Why each named cluster cannot answer for a tree's app, in words. */
function reasons(lb: ResolvedLoadBalancer, t: LoadBalancerTree, placed: ReadonlySet<string>, zones: ReadonlyMap<string, { clusters: readonly string[] }>) {
  const zone = t.residency !== undefined ? zones.get(t.residency) : undefined;
  return (ids: readonly string[]): string => ids.map((id) => {
    if (zone && !zone.clusters.includes(id)) return `${id} is outside zone ${t.residency}, where app ${t.app} keeps its data`;
    if (!lb.targets.includes(id)) return `${id} is not among the targets`;
    if (!placed.has(id)) return `app ${t.app} does not run on ${id}`;
    return `${id} is outside the group this policy picks within`;
  }).join('; ');
}

/** The problems of `r` choosing among `members`, group by group as the tree is built. */
function* policyProblems(r: TreeRouting, members: readonly string[], app: string, why: (ids: readonly string[]) => string, zones: ReadonlyMap<string, { clusters: readonly string[] }>): Iterable<string> {
  const among = (ids: readonly string[]) => ids.filter((id) => members.includes(id));
  switch (r.kind) {
    case 'weighted': {
      const named = r.weights.map((w) => w.clusterId);
      if (among(named).length === 0) yield `weighted routing over ${members.join(', ')} names none of them (${why(named)}); weigh the clusters that serve app ${app}`;
      return;
    }
    case 'failover':
      for (const [role, group] of [['primary', r.primary], ['secondary', r.secondary]] as const) {
        const here = among(group);
        if (here.length === 0) {
          yield `failover routing has no ${role} cluster that serves app ${app} (${why(group)})${role === 'secondary' ? '; without one there is nothing to fail over to' : ''}; name one among ${members.join(', ')}`;
        } else if (here.length > 1) {
          yield* policyProblems(r.inner, here, app, why, zones);
        }
      }
      return;
    case 'geolocation':
      for (const rule of r.rules) {
        const where = rule.location.kind === 'default' ? 'the default geolocation rule' : `geolocation rule for ${rule.location.kind} ${rule.location.code}${rule.location.subdivision ? `-${rule.location.subdivision}` : ''}`;
        const here = among(rule.clusters);
        if (here.length === 0) {
          yield `${where} has no cluster that serves app ${app}${rule.zone ? ` in zone ${rule.zone}` : ''}${rule.clusters.length > 0 ? ` (${why(rule.clusters)})` : ''}; give it clusters among ${members.join(', ')}`;
        }
        const zone = rule.zone !== undefined ? zones.get(rule.zone) : undefined;
        const outside = zone ? rule.clusters.filter((id) => !zone.clusters.includes(id)) : [];
        if (outside.length > 0) yield `${where} keeps answers in zone ${rule.zone} but lists ${outside.join(', ')}, outside the zone; list only the zone's clusters`;
        if (here.length > 1) yield* policyProblems(rule.inner, here, app, why, zones);
      }
      return;
    case 'latency':
      return;
  }
}

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
/** A load balancer sends users to a port: the app it routes to must serve one. */
export const loadBalancerServedApps: FleetRule = {
  id: 'load-balancer-served-apps',
  description: 'a load balancer routes only to apps that serve a port (a service or a stateful app)',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const apps = new Map(model.apps.map((a) => [a.name, a]));
    for (const lb of model.loadBalancers) {
      for (const t of lb.trees) {
        const app = apps.get(t.app);
        if (app === undefined || servesPort(app.kind)) continue;
        yield problem(lb.path, `${t.path !== undefined ? `route "${t.path}"` : 'the load balancer'} sends users to app ${t.app} (${app.path}), a ${app.kind} that serves no port; route to a service or stateful app instead, or make ${t.app} kind: AppKind.SERVICE with a port`);
      }
    }
  },
};

export const LOAD_BALANCER_RULES: readonly FleetRule[] = [loadBalancerTargets, loadBalancerServedApps, loadBalancerPolicies, ...DNS_RULES, ...RESIDENCY_ROUTING_RULES, regionLossCapacity];
