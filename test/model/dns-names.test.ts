/**
 * The names of a load balancer's records: derived from each node's position
 * in the routing tree, unique by construction, readable where they can be,
 * within DNS limits, and stable when the fleet grows.
 */
import { describe, expect, it } from 'vitest';
import { FleetApp, GdprZone, GeoLocation, GlobalLoadBalancer, HostedZone, Placement, RegionalCluster, RoutingPolicy } from '../../lib';
import { branchName, geoSegment, leafName, nameHash, treeNaming } from '../../lib/model/dns-names';
import { soundnessViolations } from '../helpers/dns-soundness';
import { newFleet } from '../helpers/fleets';

const ZONE = HostedZone.existing('Z0123456789ABCDEFGHIJ', 'acme.example');
const HOST = 'shop.acme.example';

function fleetOf(clusters: [string, string, boolean?][]) {
  const fleet = newFleet();
  const eu = GdprZone.europeanUnion(fleet, 'eu');
  for (const [id, region, inZone] of clusters) new RegionalCluster(fleet, id, { region, ...(inZone ? { zone: eu } : {}) });
  const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 3000, placement: Placement.all() });
  return { fleet, eu, web };
}

const names = (records: readonly { name: string }[]) => [...new Set(records.map((r) => r.name))].sort();

describe('record names', () => {
  it('keep the readable names of the shapes that were already sound', () => {
    const host = treeNaming(HOST);
    expect(leafName(host, 'production-eu-west-1')).toBe('production-eu-west-1.shop.acme.example');
    expect(branchName(host, ['geo-eu'])).toBe('geo-eu.shop.acme.example');
    expect(branchName(host, ['primary'])).toBe('primary.shop.acme.example');
    const api = treeNaming(HOST, '/api/*');
    expect(api.origin).toBe('api');
    expect(leafName(api, 'production-eu-west-1')).toBe('production-eu-west-1-api.shop.acme.example');
    expect(branchName(api, ['geo-default'])).toBe('api-geo-default.shop.acme.example');
    expect(treeNaming(HOST, '/*').origin).toBe('default');
  });

  it('name geolocation segments so a continent and a country of the same code differ', () => {
    expect(geoSegment({ kind: 'continent', code: 'AF' })).toBe('geo-af');
    expect(geoSegment({ kind: 'country', code: 'AF' })).toBe('geo-country-af');
    expect(geoSegment({ kind: 'country', code: 'DE' })).toBe('geo-de');
    expect(geoSegment({ kind: 'subdivision', code: 'US', subdivision: 'CA' })).toBe('geo-us-ca');
    expect(geoSegment({ kind: 'default', code: '*' })).toBe('geo-default');
  });

  it('give two geolocation rules that each nest failover groups distinct branch names', () => {
    const { fleet, eu, web } = fleetOf([['eu-a', 'eu-west-1', true], ['eu-b', 'eu-central-1', true], ['eu-c', 'eu-west-3', true], ['us-a', 'us-east-1'], ['us-b', 'us-west-2']]);
    new GlobalLoadBalancer(fleet, 'edge', {
      hostname: HOST, hostedZone: ZONE, app: web,
      routing: RoutingPolicy.geolocation([
        { location: GeoLocation.continent('EU'), zone: eu, policy: RoutingPolicy.failover({ primary: ['eu-a', 'eu-b'], secondary: ['eu-c'] }) },
        { location: GeoLocation.default(), policy: RoutingPolicy.failover({ primary: ['us-a', 'us-b'], secondary: ['eu-a', 'eu-b'] }) },
      ]),
    });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(names(resolved.loadBalancers[0].trees[0].records)).toEqual([
      'geo-default-primary.shop.acme.example', 'geo-default-secondary.shop.acme.example', 'geo-default.shop.acme.example',
      'geo-eu-primary.shop.acme.example', 'geo-eu.shop.acme.example', 'shop.acme.example',
    ]);
    expect(soundnessViolations(resolved)).toEqual([]);
  });

  it('give a continent rule and a country rule inside it, over the same clusters, their own set identifiers and branches', () => {
    const { fleet, eu, web } = fleetOf([['eu-a', 'eu-west-1', true], ['eu-b', 'eu-central-1', true], ['us-a', 'us-east-1']]);
    new GlobalLoadBalancer(fleet, 'edge', {
      hostname: HOST, hostedZone: ZONE, app: web,
      routing: RoutingPolicy.geolocation([
        { location: GeoLocation.continent('EU'), zone: eu },
        { location: GeoLocation.country('DE'), zone: eu },
        { location: GeoLocation.continent('AF'), clusters: ['eu-a', 'eu-b'] },
        { location: GeoLocation.country('AF'), clusters: ['eu-a', 'eu-b'] },
        { location: GeoLocation.default() },
      ]),
    });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    const top = resolved.loadBalancers[0].trees[0].records.filter((r) => r.name === HOST);
    expect(top.map((r) => [r.setIdentifier, r.target])).toEqual([
      ['geo-eu', 'geo-eu.shop.acme.example'],
      ['geo-de', 'geo-de.shop.acme.example'],
      ['geo-af', 'geo-af.shop.acme.example'],
      ['geo-country-af', 'geo-country-af.shop.acme.example'],
      ['geo-default', 'geo-default.shop.acme.example'],
    ]);
    expect(soundnessViolations(resolved)).toEqual([]);
  });

  it('never let a route\'s origin equal another route\'s branch, nor a cluster\'s leaf equal a branch', () => {
    const { fleet, web } = fleetOf([['primary', 'us-east-1'], ['secondary', 'eu-west-1'], ['api', 'ap-southeast-1']]);
    const failover = RoutingPolicy.failover({ primary: ['primary', 'api'], secondary: ['secondary'] });
    new GlobalLoadBalancer(fleet, 'edge', {
      hostname: HOST, hostedZone: ZONE,
      routes: [{ path: '/api/*', app: web, routing: failover }, { path: '/api-primary/*', app: web }, { path: '/primary/*', app: web, routing: failover }, { path: '/*', app: web }],
    });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    const origins = resolved.loadBalancers[0].trees.map((t) => t.name);
    expect(origins).toEqual([
      'api.shop.acme.example', `api-primary-${nameHash('origin\u0000/api-primary/*')}.shop.acme.example`,
      `primary-${nameHash('origin\u0000/primary/*')}.shop.acme.example`, 'default.shop.acme.example',
    ]);
    // Clusters whose ids hold a branch word get a hashed leaf; "api" keeps its readable one.
    const api = resolved.loadBalancers[0].trees[0];
    expect(api.leaves.map((l) => l.name)).toEqual([
      'api-api.shop.acme.example',
      `primary-api-${nameHash('leaf\u0000/api/*\u0000primary')}.shop.acme.example`,
      `secondary-api-${nameHash('leaf\u0000/api/*\u0000secondary')}.shop.acme.example`,
    ].sort());
    expect(soundnessViolations(resolved)).toEqual([]);
  });

  it('stay within DNS limits under a long host name, shortened with a hash', () => {
    const host = `${'h'.repeat(63)}.${'o'.repeat(63)}.${'s'.repeat(50)}.acme.example`;
    const long = 'a-very-long-cluster-id-near-the-limit-01';
    const { fleet, eu, web } = fleetOf([[long, 'eu-west-1', true], ['a-very-long-cluster-id-near-the-limit-02', 'eu-central-1', true], ['us-a', 'us-east-1']]);
    new GlobalLoadBalancer(fleet, 'edge', {
      hostname: host, hostedZone: ZONE,
      routes: [
        { path: '/an-api-with-a-long-path/v1/*', app: web, routing: RoutingPolicy.geolocation([{ location: GeoLocation.continent('EU'), zone: eu, policy: RoutingPolicy.latency() }, { location: GeoLocation.default() }]) },
        { path: '/*', app: web },
      ],
    });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    const all = resolved.loadBalancers[0].trees.flatMap((t) => [...t.records.map((r) => r.name), ...t.leaves.map((l) => l.name)]);
    for (const name of all) {
      expect(name.length, name).toBeLessThanOrEqual(253);
      for (const label of name.split('.')) expect(label.length, name).toBeLessThanOrEqual(63);
    }
    // The long cluster's leaf in the long route's tree keeps its start and ends in the hash of its position.
    const leaf = `${`${long}-an-api-with-a-long-p-${nameHash('origin\u0000/an-api-with-a-long-path/v1/*')}`.slice(0, 61 - 9)}-${nameHash(`leaf\u0000/an-api-with-a-long-path/v1/*\u0000${long}`)}.${host}`;
    expect(all).toContain(leaf);
    expect(soundnessViolations(resolved)).toEqual([]);
  });

  it('do not change when a cluster or a route is added', () => {
    const build = (extra: boolean) => {
      const { fleet, web } = fleetOf([['eu-a', 'eu-west-1'], ['eu-b', 'eu-central-1'], ['us-a', 'us-east-1'], ...(extra ? [['ap-a', 'ap-southeast-1'] as [string, string]] : [])]);
      new GlobalLoadBalancer(fleet, 'edge', {
        hostname: HOST, hostedZone: ZONE,
        routes: [{ path: '/api/v1/*', app: web, routing: RoutingPolicy.failover({ primary: ['eu-a', 'us-a'], secondary: ['eu-b'] }) }, ...(extra ? [{ path: '/api/*', app: web }] : []), { path: '/*', app: web }],
      });
      return fleet.resolve();
    };
    const before = build(false);
    const after = build(true);
    const byPath = (r: typeof before, path: string) => r.loadBalancers[0].trees.find((t) => t.path === path)!;
    for (const path of ['/api/v1/*', '/*']) {
      const b = byPath(before, path);
      const a = byPath(after, path);
      expect(a.name).toBe(b.name);
      for (const leaf of b.leaves) expect(a.leaves).toContainEqual(leaf);
    }
  });
});
