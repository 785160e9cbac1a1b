/**
 * Random fleets with global load balancers, for property tests of routing:
 * clusters with names chosen to look like generated DNS labels, zones, apps
 * with and without residency, and routing trees of every kind nested a few
 * levels deep, over host names long enough to press on DNS limits. Each
 * generated value is a plain spec; `buildFleet` turns it into constructs.
 */
import fc from 'fast-check';
import {
  Fleet, FleetApp, GdprZone, GeoLocation, GeoRule, GlobalLoadBalancer, HostedZone, Placement, RegionalCluster, RoutingPolicy,
} from '../../lib';
import { newFleet } from './fleets';

/** A cluster: id, region, and whether it joins zone eu (only EU member-state regions do). */
export interface ClusterSpec { readonly id: string; readonly region: string; readonly eu: boolean }

/** Cluster ids that read like the labels fleetform generates, next to ordinary ones. */
export const CLUSTER_POOL: readonly ClusterSpec[] = [
  { id: 'prod-us', region: 'us-east-1', eu: false },
  { id: 'prod-us-2', region: 'us-west-2', eu: false },
  { id: 'prod-eu', region: 'eu-west-1', eu: true },
  { id: 'prod-de', region: 'eu-central-1', eu: true },
  { id: 'prod-fr', region: 'eu-west-3', eu: true },
  { id: 'prod-ap', region: 'ap-southeast-1', eu: false },
  { id: 'primary', region: 'us-east-2', eu: false },
  { id: 'secondary', region: 'eu-north-1', eu: true },
  { id: 'geo-eu', region: 'eu-south-1', eu: true },
  { id: 'api', region: 'sa-east-1', eu: false },
  { id: 'api-geo', region: 'eu-west-2', eu: false },
  { id: 'default', region: 'ca-central-1', eu: false },
  { id: 'a-very-long-cluster-id-near-the-limit-01', region: 'ap-northeast-1', eu: false },
  { id: 'a-very-long-cluster-id-near-the-limit-02', region: 'eu-south-2', eu: true },
];

/** Host names under acme.example: short, one that equals another load balancer's likely generated names, and a long one. */
const LONG_HOST = `${'h'.repeat(63)}.${'o'.repeat(63)}.${'s'.repeat(40)}.acme.example`;
export const HOSTNAMES = ['shop.acme.example', 'api.shop.acme.example', 'prod-us.shop.acme.example', 'geo-eu.shop.acme.example', 'primary.shop.acme.example', 'www.acme.example', LONG_HOST];

/** Route paths, with some whose readable names collide with generated labels. */
export const PATHS = ['/api/*', '/api/v1/*', '/api-v1/*', '/primary/*', '/eu/*', '/default/*', '/geo-eu/*', '/api-geo-eu/*', '/prod-us-api/*', '/x*', `/${'long-segment-'.repeat(5)}/*`];

/** Locations a geolocation rule may name; `eu` marks those an EU zone can bind. */
export interface LocationSpec { readonly kind: 'continent' | 'country' | 'subdivision'; readonly code: string; readonly subdivision?: string; readonly eu: boolean }
export const LOCATIONS: readonly LocationSpec[] = [
  { kind: 'continent', code: 'EU', eu: true },
  { kind: 'continent', code: 'AF', eu: false },
  { kind: 'continent', code: 'AS', eu: false },
  { kind: 'continent', code: 'NA', eu: false },
  { kind: 'country', code: 'DE', eu: true },
  { kind: 'country', code: 'FR', eu: true },
  { kind: 'country', code: 'AF', eu: false },
  { kind: 'country', code: 'US', eu: false },
  { kind: 'country', code: 'GB', eu: false },
];

/** A routing policy over cluster ids. */
export type PolicySpec =
  | { readonly kind: 'latency' }
  | { readonly kind: 'weighted'; readonly weights: readonly (readonly [string, number])[] }
  | { readonly kind: 'failover'; readonly primary: readonly string[]; readonly secondary: readonly string[]; readonly inner?: PolicySpec }
  | { readonly kind: 'geolocation'; readonly rules: readonly RuleSpec[] };

/** A geolocation rule. */
export interface RuleSpec { readonly location?: LocationSpec; readonly zone: boolean; readonly clusters?: readonly string[]; readonly policy?: PolicySpec }

/** A load balancer: one app on its host name, or routes. */
export interface LbSpec {
  readonly hostname: string;
  readonly app?: string;
  readonly routing?: PolicySpec;
  readonly routes?: readonly { readonly path: string; readonly app: string; readonly routing?: PolicySpec }[];
}

/** A whole fleet. */
export interface FleetSpec {
  readonly clusters: readonly ClusterSpec[];
  /** App name → the clusters it is placed on. */
  readonly apps: Readonly<Record<string, readonly string[]>>;
  readonly loadBalancers: readonly LbSpec[];
  /** Whether the subdivision locations (a newer GeoLocation factory) may be used. */
  readonly subdivisions?: boolean;
}

const nonEmptySubset = <T>(items: readonly T[]) => fc.subarray([...items], { minLength: 1 });

/** A policy over `ids` (which must not be empty), nested up to `depth` levels. */
export function policyArb(ids: readonly string[], zoneIds: readonly string[], depth: number, locations: readonly LocationSpec[] = LOCATIONS): fc.Arbitrary<PolicySpec> {
  const latency = fc.constant<PolicySpec>({ kind: 'latency' });
  const weighted = nonEmptySubset(ids).chain((chosen) => fc.tuple(...chosen.map((id) => fc.integer({ min: 1, max: 255 }).map((w) => [id, w] as const))))
    .map((weights): PolicySpec => ({ kind: 'weighted', weights }));
  const options: fc.Arbitrary<PolicySpec>[] = [latency, weighted];
  if (ids.length >= 2) {
    options.push(fc.shuffledSubarray([...ids], { minLength: 2 }).chain((shuffled) => fc.integer({ min: 1, max: shuffled.length - 1 }).chain((cut) => {
      const primary = shuffled.slice(0, cut);
      const secondary = shuffled.slice(cut);
      const inner = depth > 0 && (primary.length > 1 || secondary.length > 1) ? fc.option(policyArb(ids, zoneIds, depth - 1, locations).filter((p) => p.kind !== 'weighted'), { nil: undefined }) : fc.constant(undefined);
      return inner.map((i): PolicySpec => ({ kind: 'failover', primary, secondary, ...(i ? { inner: i } : {}) }));
    })));
  }
  if (depth > 0) options.push(geolocationArb(ids, zoneIds, depth, locations));
  return fc.oneof(...options);
}

function geolocationArb(ids: readonly string[], zoneIds: readonly string[], depth: number, locations: readonly LocationSpec[]): fc.Arbitrary<PolicySpec> {
  const zoneHere = zoneIds.filter((id) => ids.includes(id));
  const rule = (location: LocationSpec | undefined): fc.Arbitrary<RuleSpec> => {
    const bindable = (location === undefined || location.eu) && zoneHere.length > 0;
    return (bindable ? fc.boolean() : fc.constant(false)).chain((zone) => {
      const pool = zone ? zoneHere : ids;
      return fc.option(nonEmptySubset(pool), { nil: undefined }).chain((clusters) => {
        const members = clusters ?? pool;
        const nested = depth > 1 ? fc.option(policyArb(members, zoneIds, depth - 1, locations).filter((p) => p.kind !== 'geolocation'), { nil: undefined }) : fc.constant(undefined);
        return nested.map((policy): RuleSpec => ({ location, zone, ...(clusters ? { clusters } : {}), ...(policy ? { policy } : {}) }));
      });
    });
  };
  return fc.uniqueArray(fc.constantFrom(...locations), { maxLength: 4, selector: (l) => `${l.kind}:${l.code}:${l.subdivision ?? ''}` })
    .chain((locs) => fc.tuple(...[...locs, undefined].map(rule)))
    .map((rules): PolicySpec => ({ kind: 'geolocation', rules }));
}

/** A fleet of 2 to 6 clusters of the pool, apps web (everywhere), orders (some) and ledger (EU residency), and one or two load balancers. */
export function fleetArb(options: { subdivisions?: boolean; maxDepth?: number } = {}): fc.Arbitrary<FleetSpec> {
  const locations = options.subdivisions ? [...LOCATIONS, { kind: 'subdivision', code: 'US', subdivision: 'CA', eu: false } as LocationSpec] : LOCATIONS;
  const depth = options.maxDepth ?? 3;
  return fc.subarray([...CLUSTER_POOL], { minLength: 2, maxLength: 6 }).chain((clusters) => {
    const ids = clusters.map((c) => c.id);
    const zoneIds = clusters.filter((c) => c.eu).map((c) => c.id);
    const appsArb = fc.record({
      orders: nonEmptySubset(ids),
      ledger: zoneIds.length > 0 ? fc.option(nonEmptySubset(zoneIds), { nil: undefined }) : fc.constant(undefined),
    }).map(({ orders, ledger }) => ({ web: ids, orders, ...(ledger ? { ledger } : {}) } as Record<string, readonly string[]>));
    return appsArb.chain((apps) => {
      const names = Object.keys(apps);
      const lb = (hostname: string): fc.Arbitrary<LbSpec> => fc.oneof(
        fc.constantFrom(...names).chain((app) => fc.option(policyArb(apps[app], zoneIds, depth, locations), { nil: undefined })
          .map((routing): LbSpec => ({ hostname, app, ...(routing ? { routing } : {}) }))),
        fc.uniqueArray(fc.constantFrom(...PATHS), { maxLength: 3 }).chain((paths) => fc.tuple(...['/*', ...paths].map((path) =>
          fc.constantFrom(...names).chain((app) => fc.option(policyArb(apps[app], zoneIds, depth, locations), { nil: undefined })
            .map((routing) => ({ path, app, ...(routing ? { routing } : {}) }))))))
          .map((routes): LbSpec => ({ hostname, routes })),
      );
      const lbs = fc.uniqueArray(fc.constantFrom(...HOSTNAMES), { minLength: 1, maxLength: 2 }).chain((hosts) => fc.tuple(...hosts.map(lb)));
      return lbs.map((loadBalancers): FleetSpec => ({ clusters, apps, loadBalancers, subdivisions: options.subdivisions }));
    });
  });
}

/** The constructs of a spec, in a fleet named acme. */
export function buildFleet(spec: FleetSpec): Fleet {
  const fleet = newFleet();
  const eu = GdprZone.europeanUnion(fleet, 'eu', { alsoAllow: [] });
  for (const c of spec.clusters) new RegionalCluster(fleet, c.id, { region: c.region, ...(c.eu ? { zone: eu } : {}) });
  const apps = new Map<string, FleetApp>();
  for (const [name, on] of Object.entries(spec.apps)) {
    apps.set(name, new FleetApp(fleet, name, {
      image: `ghcr.io/acme/${name}:1.0.0`, port: 8080, placement: Placement.clusters(...on), healthCheck: { path: '/healthz' },
      ...(name === 'ledger' ? { residency: eu } : {}),
    }));
  }
  const zone = HostedZone.existing('Z0123456789ABCDEFGHIJ', 'acme.example');
  spec.loadBalancers.forEach((lb, i) => {
    new GlobalLoadBalancer(fleet, `lb${i}`, {
      hostname: lb.hostname,
      hostedZone: zone,
      ...(lb.app ? { app: apps.get(lb.app)! } : {}),
      ...(lb.routing ? { routing: policy(lb.routing, eu) } : {}),
      ...(lb.routes ? { routes: lb.routes.map((r) => ({ path: r.path, app: apps.get(r.app)!, ...(r.routing ? { routing: policy(r.routing, eu) } : {}) })) } : {}),
    });
  });
  return fleet;
}

function policy(p: PolicySpec, eu: GdprZone): RoutingPolicy {
  switch (p.kind) {
    case 'latency': return RoutingPolicy.latency();
    case 'weighted': return RoutingPolicy.weighted(p.weights.map(([cluster, weight]) => ({ cluster, weight })));
    case 'failover': return RoutingPolicy.failover({ primary: p.primary, secondary: p.secondary, ...(p.inner ? { policy: policy(p.inner, eu) } : {}) });
    case 'geolocation': return RoutingPolicy.geolocation(p.rules.map((r): GeoRule => ({
      location: location(r.location),
      ...(r.zone ? { zone: eu } : {}),
      ...(r.clusters ? { clusters: r.clusters } : {}),
      ...(r.policy ? { policy: policy(r.policy, eu) } : {}),
    })));
  }
}

function location(l: LocationSpec | undefined): GeoLocation {
  if (!l) return GeoLocation.default();
  if (l.kind === 'continent') return GeoLocation.continent(l.code as 'EU');
  if (l.kind === 'subdivision') return (GeoLocation as unknown as { subdivision(country: string, sub: string): GeoLocation }).subdivision(l.code, l.subdivision!);
  return GeoLocation.country(l.code);
}
