/**
 * Resolving GDPR zones and global load balancers: zone members, each load
 * balancer's targets, its trees of records (one for the host name, or one per
 * path route), health checks and failover time. Pure; part of the resolve step.
 */
import type { IConstruct } from 'constructs';
import { HEALTH_CHECKER_REGIONS } from '../catalog/edge-limits';
import type { FleetApp } from '../fleet-app';
import type { GdprZone } from '../gdpr-zone';
import { GlobalLoadBalancer, RegionLoss } from '../global-load-balancer';
import { byCodeUnit } from '../naming';
import type { RoutingPolicy } from '../routing-policy';
import { treeNaming } from './dns-names';
import { buildDnsTree, TreeRouting } from './dns-tree';
import type { LoadBalancerTree, ResolvedCluster, ResolvedLoadBalancer, ResolvedZone } from './resolved';

/** The TTL Route 53 answers an alias of an ALB with. */
export const ALIAS_TTL_SECONDS = 60;

/** A zone and its members: the clusters that joined it. */
export function resolveZone(z: GdprZone, clusters: readonly ResolvedCluster[]): ResolvedZone {
  return {
    name: z.zoneName,
    path: z.node.path,
    regions: [...z.regions],
    requireDedicatedTenancy: z.requireDedicatedTenancy,
    edge: z.edge,
    clusters: clusters.filter((c) => c.zones.includes(z.zoneName)).map((c) => c.id),
  };
}

/** What resolving a load balancer reads of the rest of the fleet. */
export interface EdgeContext {
  readonly clusters: readonly ResolvedCluster[];
  /** Cluster ids each app landed on. */
  readonly placements: ReadonlyMap<FleetApp, readonly string[]>;
  readonly zones: readonly ResolvedZone[];
}

/** Resolves one load balancer over the fleet. */
export function resolveLoadBalancer(lb: GlobalLoadBalancer, ctx: EdgeContext): ResolvedLoadBalancer {
  const p = lb.props;
  const hostname = p.hostname ?? '';
  const known = new Map(ctx.clusters.map((c) => [c.id, c]));
  const served: { app: FleetApp | undefined; path?: string; routing?: RoutingPolicy }[] = p.routes
    ? p.routes.map((r) => ({ app: r.app, path: r.path, routing: r.routing }))
    : [{ app: p.app }];
  const given = lb.targetIds;
  const targetIds = [...new Set(given ?? served.flatMap((s) => (s.app ? ctx.placements.get(s.app) ?? [] : [])))].sort(byCodeUnit);
  const unknown = new Set(targetIds.filter((id) => !known.has(id)));
  const targets = targetIds.filter((id) => known.has(id));
  const hc = p.healthCheck ?? {};
  const trees = served.flatMap((s): LoadBalancerTree[] => {
    if (!s.app) return [];
    const app = s.app;
    const onApp = new Set(ctx.placements.get(app) ?? []);
    const clusters = targets.filter((id) => onApp.has(id));
    const naming = treeNaming(hostname, s.path);
    const routing = treeRouting(s.routing ?? p.routing, targets, ctx.zones, unknown, lb.node.root);
    const tree = buildDnsTree({ naming, clusters: clusters.map((id) => ({ id, region: known.get(id)!.region, stem: known.get(id)!.names.resource })), routing });
    return [{
      ...tree, slug: naming.origin ?? '', app: app.appName, routing, ...(s.path !== undefined ? { path: s.path } : {}), clusters,
      ...(app.props.residency ? { residency: app.props.residency.zoneName } : {}),
      healthCheckPath: hc.path ?? app.props.healthCheck?.path ?? '/',
    }];
  });
  const intervalSeconds = hc.intervalSeconds ?? 10;
  const failureThreshold = hc.failureThreshold ?? 3;
  // Every record is an alias, which answers with its target's TTL: 60 seconds for an ALB.
  const ttlSeconds = ALIAS_TTL_SECONDS;
  return {
    name: lb.loadBalancerName,
    path: lb.node.path,
    hostname,
    hostedZone: { name: p.hostedZone?.name ?? '', ...(p.hostedZone?.zoneId !== undefined ? { zoneId: p.hostedZone.zoneId } : {}) },
    edge: p.routes ? 'cloudfront' : 'dns',
    originProtection: p.originProtection !== false,
    targets,
    routing: describeRouting(p.routing),
    trees,
    healthCheck: { intervalSeconds, failureThreshold, regions: [...(hc.regions ?? HEALTH_CHECKER_REGIONS)] },
    ttlSeconds,
    regionLoss: p.regionLoss ?? RegionLoss.WARN,
    failoverSeconds: intervalSeconds * failureThreshold + ttlSeconds,
    unknownClusters: [...unknown].sort(byCodeUnit),
    lifecycle: lb.decommissioning ? 'decommissioning' : 'active',
  };
}

/** A routing policy in words. */
function describeRouting(policy: RoutingPolicy | undefined): string {
  if (!policy || policy.kind === 'latency') return 'latency';
  if (policy.kind === 'geolocation') return `geolocation (${(policy.rules ?? []).map((r) => `${r.location.describe()}${r.zone ? ` in zone ${r.zone.zoneName}` : ''}`).join(', ')})`;
  return policy.kind;
}

/**
 * A routing policy with its cluster references resolved among `targets`;
 * unknown ids are collected. A zone of another fleet than `root`'s binds
 * nothing here: the load balancer reports the reference.
 */
function treeRouting(policy: RoutingPolicy | undefined, targets: readonly string[], zones: readonly { name: string; clusters: readonly string[] }[], unknown: Set<string>, root: IConstruct): TreeRouting {
  const among = (ids: readonly string[]) => {
    for (const id of ids) if (!targets.includes(id)) unknown.add(id);
    return ids.filter((id) => targets.includes(id));
  };
  if (!policy || policy.kind === 'latency') return { kind: 'latency' };
  switch (policy.kind) {
    case 'weighted':
      return { kind: 'weighted', weights: (policy.weights ?? []).map((w) => ({ clusterId: w.cluster as string, weight: w.weight })).filter((w) => among([w.clusterId]).length > 0) };
    case 'failover': {
      const f = policy.failover!;
      return { kind: 'failover', primary: among(f.primary as string[]), secondary: among(f.secondary as string[]), inner: treeRouting(f.policy, targets, zones, unknown, root) };
    }
    case 'geolocation':
      return {
        kind: 'geolocation',
        rules: (policy.rules ?? []).map((r) => {
          const own = r.zone !== undefined && r.zone.node.root === root;
          const zone = own ? zones.find((z) => z.name === r.zone!.zoneName) : undefined;
          const clusters = r.clusters !== undefined ? among(r.clusters as string[]) : zone ? targets.filter((id) => zone.clusters.includes(id)) : [...targets];
          return {
            location: { kind: r.location.kind, code: r.location.code, ...(r.location.subdivision !== undefined ? { subdivision: r.location.subdivision } : {}) },
            ...(own ? { zone: r.zone!.zoneName } : {}),
            clusters,
            inner: treeRouting(r.policy, targets, zones, unknown, root),
          };
        }),
      };
  }
}
