/**
 * Global routing that Route 53, CloudFront or residency would not take, refused
 * at synth by message and path: clusters twice in a group, wrong location
 * codes, constructs of another fleet, limits, host names over generated names,
 * zone-bound locations answered from outside the zone.
 */
import { describe, expect, it } from 'vitest';
import {
  EnvironmentFleet, Fleet, FleetApp, GdprZone, GeoLocation, GlobalLoadBalancer, GlobalLoadBalancerProps, HostedZone, Placement, RegionalCluster, RoutingPolicy,
} from '../lib';
import { newFleet, problemsOf } from './helpers/fleets';

const ZONE = HostedZone.existing('Z0123456789ABCDEFGHIJ', 'acme.example');

function shop(fleet: Fleet = newFleet()) {
  const eu = GdprZone.europeanUnion(fleet, 'eu');
  const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1', 'eu-central-1'], zones: [eu] });
  const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:3.2.0', port: 3000, placement: Placement.all() });
  return { fleet, eu, production, web };
}

function lb(fleet: Fleet, props: Partial<GlobalLoadBalancerProps>, id = 'edge'): GlobalLoadBalancer {
  return new GlobalLoadBalancer(fleet, id, { hostname: 'shop.acme.example', hostedZone: ZONE, ...props } as GlobalLoadBalancerProps);
}

describe('global routing refuses', () => {
  it('the same cluster twice in a weighted group or a failover group', () => {
    const s = shop();
    lb(s.fleet, { app: s.web, routing: RoutingPolicy.weighted([{ cluster: 'production-us-east-1', weight: 90 }, { cluster: s.production.cluster('us-east-1'), weight: 10 }]) });
    lb(s.fleet, {
      app: s.web, hostname: 'api.acme.example',
      routing: RoutingPolicy.failover({ primary: ['production-eu-west-1', 'production-eu-west-1'], secondary: ['production-us-east-1'] }),
    }, 'api');
    expect(problemsOf(s.fleet)).toEqual([
      { path: 'acme/edge', message: 'RoutingPolicy.weighted() lists cluster "production-us-east-1" twice; Route 53 needs one record per cluster in a group, so give it one weight' },
      { path: 'acme/api', message: 'RoutingPolicy.failover() primary lists cluster "production-eu-west-1" twice; Route 53 needs one record per cluster in a group, so list it once' },
    ]);
  });

  it('a location Route 53 does not know, through the load balancer that uses it', () => {
    const s = shop();
    lb(s.fleet, { app: s.web, routing: RoutingPolicy.geolocation([{ location: GeoLocation.country('UK') }, { location: GeoLocation.country('*') }, { location: GeoLocation.default() }]) });
    expect(problemsOf(s.fleet)).toEqual([
      { path: 'acme/edge', message: 'GeoLocation.country("UK"): "UK" is not the ISO 3166-1 code Route 53 takes; did you mean "GB"?' },
      { path: 'acme/edge', message: 'GeoLocation.country("*"): "*" is Route 53\'s default location; use GeoLocation.default()' },
    ]);
  });

  it('a geolocation rule bound to a zone below a failover, where failover could move its users out', () => {
    const s = shop();
    const geo = RoutingPolicy.geolocation([{ location: GeoLocation.continent('EU'), zone: s.eu }, { location: GeoLocation.default() }]);
    lb(s.fleet, { app: s.web, routing: RoutingPolicy.failover({ primary: ['production-eu-west-1', 'production-eu-central-1'], secondary: ['production-us-east-1'], policy: geo }) });
    expect(problemsOf(s.fleet)).toEqual([{
      path: 'acme/edge',
      message: 'RoutingPolicy.failover() nests a geolocation rule bound to a zone; a zone keeps its users only from the top of a load balancer\'s (or route\'s) routing, where no failover can move them out, so put RoutingPolicy.geolocation() first and nest failover in its rules',
    }]);
  });

  it('a more specific rule inside a zone-bound location that answers from outside the zone', () => {
    const s = shop();
    lb(s.fleet, {
      app: s.web,
      routing: RoutingPolicy.geolocation([
        { location: GeoLocation.continent('EU'), zone: s.eu },
        { location: GeoLocation.country('DE'), clusters: ['production-us-east-1'] },
        { location: GeoLocation.country('FR'), clusters: ['production-eu-west-1'] }, // inside the zone: fine
        { location: GeoLocation.country('GB'), zone: s.eu }, // bound itself: fine
        { location: GeoLocation.default() },
      ]),
    });
    expect(problemsOf(s.fleet)).toEqual([{
      path: 'acme/edge',
      message: 'geolocation rule for country DE lies inside continent EU, whose rule keeps its users in zone eu, but answers from production-us-east-1, outside the zone; bind it to zone eu as well (zone: eu), bind it to another zone explicitly, or give it only zone eu\'s clusters',
    }]);
  });

  it('a second load balancer whose host name is a name the first one generates', () => {
    const s = shop();
    // Left open, so DNS-only load balancers may share its clusters (origin protection is tested on its own).
    lb(s.fleet, { routes: [{ path: '/api/*', app: s.web }, { path: '/*', app: s.web }], originProtection: false });
    lb(s.fleet, { app: s.web, hostname: 'api.shop.acme.example' }, 'api');
    lb(s.fleet, { app: s.web, hostname: 'production-us-east-1-api.shop.acme.example' }, 'leafy');
    expect(problemsOf(s.fleet)).toEqual([
      { path: 'acme/api', message: 'hostname "api.shop.acme.example" is also the name of route "/api/*" of load balancer acme/edge; choose another host name' },
      { path: 'acme/leafy', message: 'hostname "production-us-east-1-api.shop.acme.example" is also the leaf of cluster production-us-east-1 in route "/api/*" of load balancer acme/edge; choose another host name' },
    ]);
  });

  it('a host name too long to name anything under', () => {
    const s = shop();
    const hostname = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(40)}.acme.example`;
    lb(s.fleet, { app: s.web, hostname });
    expect(problemsOf(s.fleet)).toEqual([{ path: 'acme/edge', message: `hostname "${hostname}" is ${hostname.length} characters long; fleetform names each cluster's and route's records one label below it, which needs 11 more characters within DNS's 253, so use a host name of at most 242 characters` }]);
  });

  it('a route path or health-check path longer than CloudFront and Route 53 take, and a checker region twice', () => {
    const s = shop();
    const long = `/${'x'.repeat(260)}/*`;
    lb(s.fleet, {
      routes: [{ path: long, app: s.web }, { path: '/*', app: s.web }],
      healthCheck: { path: `/${'h'.repeat(300)}`, regions: ['us-east-1', 'eu-west-1', 'eu-west-1'] },
    });
    expect(problemsOf(s.fleet)).toEqual([
      { path: 'acme/edge', message: `route path "${long.slice(0, 40)}…" is ${long.length} characters long; CloudFront takes path patterns of at most 255, so shorten it (a "*" can stand for the rest)` },
      { path: 'acme/edge', message: `healthCheck.path "/${'h'.repeat(39)}…" is 301 characters long; Route 53 probes paths of at most 255, so use a shorter health path` },
      { path: 'acme/edge', message: 'healthCheck.regions lists "eu-west-1" twice; list each checker region once' },
      { path: 'acme/edge', message: 'healthCheck.regions lists 2 distinct regions; Route 53 needs at least 3 checker regions' },
    ]);
  });

  it('a failover secondary dropped for being outside the residency zone, with that reason', () => {
    const s = shop();
    const ledger = new FleetApp(s.fleet, 'ledger', { image: 'ghcr.io/acme/ledger:1.0.0', port: 8080, placement: Placement.clusters('production-eu-west-1', 'production-eu-central-1'), residency: s.eu });
    lb(s.fleet, { app: ledger, targets: s.production, routing: RoutingPolicy.failover({ primary: ['production-eu-west-1'], secondary: ['production-us-east-1'] }) });
    expect(problemsOf(s.fleet)).toContainEqual({
      path: 'acme/edge',
      message: 'failover routing has no secondary cluster that serves app ledger (production-us-east-1 is outside zone eu, where app ledger keeps its data); without one there is nothing to fail over to; name one among production-eu-central-1, production-eu-west-1',
    });
  });
});

describe('constructs of another fleet', () => {
  it('are refused wherever they are named, naming both fleets', () => {
    const other = newFleet({}, 'other');
    const theirs = shop(other);
    const s = shop();
    new RegionalCluster(s.fleet, 'customer-a', { region: 'eu-central-1', zone: theirs.eu });
    new EnvironmentFleet(s.fleet, 'staging', { regions: ['eu-west-3'], zones: [theirs.eu] });
    new FleetApp(s.fleet, 'ledger', { image: 'ghcr.io/acme/ledger:1.0.0', port: 8080, placement: Placement.clusters(theirs.production.cluster('eu-west-1')), residency: theirs.eu });
    lb(s.fleet, { app: s.web, routing: RoutingPolicy.geolocation([{ location: GeoLocation.continent('EU'), zone: theirs.eu }, { location: GeoLocation.default() }]) });
    lb(s.fleet, { app: theirs.web, hostname: 'api.acme.example', targets: theirs.production }, 'api');
    const problems = problemsOf(s.fleet);
    const fix = (kind: string) => `; a fleet's constructs can refer only to its own, so use a ${kind} of fleet acme`;
    expect(problems).toEqual(expect.arrayContaining([
      { path: 'acme/customer-a', message: `zone names zone other/eu of fleet other, not of fleet acme${fix('zone')}` },
      { path: 'acme/staging', message: `zones names zone other/eu of fleet other, not of fleet acme${fix('zone')}` },
      { path: 'acme/ledger', message: `residency names zone other/eu of fleet other, not of fleet acme${fix('zone')}` },
      { path: 'acme/ledger', message: `placement names cluster other/production/eu-west-1 of fleet other, not of fleet acme${fix('cluster')}` },
      { path: 'acme/edge', message: `routing names zone other/eu of fleet other, not of fleet acme${fix('zone')}` },
      { path: 'acme/api', message: `app names app other/web of fleet other, not of fleet acme${fix('app')}` },
      { path: 'acme/api', message: `targets names environment other/production of fleet other, not of fleet acme${fix('environment')}` },
    ]));
    // The other fleet's zone makes no cluster of this one a member, and binds no rule.
    const resolved = s.fleet.resolve();
    expect(resolved.clusters.find((c) => c.id === 'customer-a')!.zones).toEqual([]);
    expect(resolved.clusters.find((c) => c.id === 'staging-eu-west-3')!.zones).toEqual([]);
  });
});
