/**
 * Residency in global routing: every name a residency app is served under
 * answers from its zone, and a user inside the location of a zone-bound
 * geolocation rule is answered from that zone unless a more specific rule
 * binds them to another zone explicitly.
 */
import { locationHolds } from '../geo-location';
import type { TreeGeoRule } from '../model/dns-tree';
import type { FleetModel } from '../model/resolved';
import { FleetRule, problem, RuleFinding } from './rule';

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

/** A rule's location in words, such as `country DE`. */
function describeLocation(r: TreeGeoRule): string {
  const l = r.location;
  return l.kind === 'subdivision' ? `subdivision ${l.code}-${l.subdivision}` : `${l.kind} ${l.code}`;
}

/**
 * A more specific geolocation rule inside the location of a zone-bound rule
 * (a country of a bound continent, a state of a bound country) takes those
 * users from the bound rule; unless it binds them to a zone itself, it must
 * answer only from the enclosing rule's zone. Its own fallback, when its
 * clusters are unhealthy, is the bound rule, which stays in the zone.
 */
export const zoneBoundLocations: FleetRule = {
  id: 'zone-bound-locations',
  description: 'users inside a zone-bound geolocation rule\'s location are answered only from that zone, unless a more specific rule binds them to another',
  *check(model: FleetModel): Iterable<RuleFinding> {
    const zones = new Map(model.zones.map((z) => [z.name, z]));
    for (const lb of model.loadBalancers) {
      for (const t of lb.trees) {
        if (t.routing.kind !== 'geolocation') continue;
        const rules = t.routing.rules;
        const rank = (r: TreeGeoRule) => ({ continent: 1, country: 2, subdivision: 3 } as Record<string, number>)[r.location.kind] ?? 0;
        for (const rule of rules) {
          if (rule.zone !== undefined) continue;
          const enclosing = rules.filter((b) => b.zone !== undefined && locationHolds(b.location, rule.location)).sort((a, b) => rank(b) - rank(a))[0];
          if (!enclosing) continue;
          const zone = zones.get(enclosing.zone!);
          const outside = rule.clusters.filter((id) => t.clusters.includes(id) && !(zone?.clusters ?? []).includes(id));
          if (outside.length === 0) continue;
          const where = t.path !== undefined ? `route "${t.path}": ` : '';
          yield problem(lb.path, `${where}geolocation rule for ${describeLocation(rule)} lies inside ${describeLocation(enclosing)}, whose rule keeps its users in zone ${enclosing.zone}, but answers from ${outside.join(', ')}, outside the zone; bind it to zone ${enclosing.zone} as well (zone: ${enclosing.zone}), bind it to another zone explicitly, or give it only zone ${enclosing.zone}'s clusters`);
        }
      }
    }
  },
};

/** The residency rules of global routing, in the order they run. */
export const RESIDENCY_ROUTING_RULES: readonly FleetRule[] = [residencyRouting, zoneBoundLocations];
