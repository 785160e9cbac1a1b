import { describe, expect, it } from 'vitest';
import {
  EnvironmentFleet, Fleet, FleetApp, GdprZone, GeoLocation, GlobalLoadBalancer, GlobalLoadBalancerProps, HostedZone,
  Placement, reachableLeaves, RegionalCluster, RegionLoss, RoutingPolicy, ZoneEdge,
} from '../lib';
import { newFleet, problemsOf } from './helpers/fleets';
import { validateK8sObject } from './helpers/k8s-schema';

const ZONE = HostedZone.existing('Z0123456789ABCDEFGHIJ', 'acme.example');

function shop(): { fleet: Fleet; production: EnvironmentFleet; eu: GdprZone; web: FleetApp; api: FleetApp } {
  const fleet = newFleet();
  const eu = GdprZone.europeanUnion(fleet, 'eu');
  const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-1'], zones: [eu] });
  const web = new FleetApp(fleet, 'web', {
    image: 'ghcr.io/acme/web:3.2.0', port: 3000, placement: Placement.all(), autoscaling: { minReplicas: 2, maxReplicas: 6 }, healthCheck: { path: '/' },
  });
  const api = new FleetApp(fleet, 'api', {
    image: 'ghcr.io/acme/api:1.4.2', port: 8080, placement: Placement.regions('us-east-1', 'eu-west-1'), autoscaling: { minReplicas: 3, maxReplicas: 12 }, healthCheck: { path: '/healthz' },
  });
  return { fleet, production, eu, web, api };
}

function lb(fleet: Fleet, props: Partial<GlobalLoadBalancerProps>, id = 'edge'): GlobalLoadBalancer {
  return new GlobalLoadBalancer(fleet, id, { hostname: 'shop.acme.example', hostedZone: ZONE, ...props } as GlobalLoadBalancerProps);
}

describe('GlobalLoadBalancer over DNS', () => {
  it('latency by default over the clusters the app landed on, with health checks and the failover time', () => {
    const { fleet, web } = shop();
    lb(fleet, { app: web });
    const [r] = fleet.resolve().loadBalancers;
    expect(r).toMatchObject({
      hostname: 'shop.acme.example', edge: 'dns', routing: 'latency',
      targets: ['production-ap-southeast-1', 'production-eu-central-1', 'production-eu-west-1', 'production-us-east-1'],
      healthCheck: { intervalSeconds: 10, failureThreshold: 3 },
      ttlSeconds: 60,
      failoverSeconds: 90,
    });
    expect(r.healthCheck.regions.length).toBeGreaterThanOrEqual(3);
    expect(r.trees[0].records.map((x) => [x.setIdentifier, x.routing])).toEqual([
      ['production-ap-southeast-1', { kind: 'latency', region: 'ap-southeast-1' }],
      ['production-eu-central-1', { kind: 'latency', region: 'eu-central-1' }],
      ['production-eu-west-1', { kind: 'latency', region: 'eu-west-1' }],
      ['production-us-east-1', { kind: 'latency', region: 'us-east-1' }],
    ]);
  });

  it('puts an Ingress on each target cluster answering for the host name and the cluster\'s own leaf, with TLS', () => {
    const { fleet, web } = shop();
    lb(fleet, { app: web });
    const assembly = fleet.assemble();
    const edge = assembly.clusters.find((c) => c.clusterId === 'production-eu-west-1')!.files.find((f) => f.chart === 'edge-edge')!;
    expect(edge.name).toBe('4000-edge-edge.k8s.yaml');
    const [ingress] = edge.objects as Record<string, any>[];
    expect(ingress.metadata).toMatchObject({ name: 'edge-main', namespace: 'web' });
    expect(ingress.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/group.name': 'acme',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}, {"HTTPS": 443}]',
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
      'alb.ingress.kubernetes.io/healthcheck-path': '/',
    });
    expect(ingress.spec.tls).toEqual([{ hosts: ['shop.acme.example', 'production-eu-west-1.shop.acme.example'] }]);
    expect(ingress.spec.rules.map((r: any) => r.host)).toEqual(['shop.acme.example', 'production-eu-west-1.shop.acme.example']);
    expect(validateK8sObject(ingress)).toEqual([]);
    // The app's network policy admits the load balancer's range on those clusters.
    const app = assembly.clusters.find((c) => c.clusterId === 'production-eu-west-1')!.files.find((f) => f.chart === 'app-web')!;
    const policy = (app.objects as Record<string, any>[]).find((o) => o.metadata.name === 'web-ingress')!;
    expect(policy.spec.ingress[0].from).toHaveLength(2);
  });

  it('geolocation: EU users to the zone\'s clusters and never out of the zone, everyone else by latency', () => {
    const { fleet, eu, web } = shop();
    lb(fleet, {
      app: web,
      routing: RoutingPolicy.geolocation([
        { location: GeoLocation.continent('EU'), zone: eu },
        { location: GeoLocation.default() },
      ]),
    });
    const [r] = fleet.resolve().loadBalancers;
    const tree = r.trees[0];
    for (const country of ['DE', 'FR', 'IE', 'PL']) {
      expect([...reachableLeaves(tree, 'shop.acme.example', { country, continent: 'EU' })].sort())
        .toEqual(['production-eu-central-1.shop.acme.example', 'production-eu-west-1.shop.acme.example']);
    }
    expect(reachableLeaves(tree, 'shop.acme.example', { country: 'US', continent: 'NA' }).size).toBe(4);
  });

  it('path routes go through CloudFront, one origin name per route carrying the route\'s own tree', () => {
    const { fleet, web, api } = shop();
    lb(fleet, { routes: [{ path: '/api/*', app: api }, { path: '/*', app: web }] });
    const [r] = fleet.resolve().loadBalancers;
    expect(r.edge).toBe('cloudfront');
    expect(r.trees.map((t) => [t.path, t.name, t.clusters])).toEqual([
      ['/api/*', 'api.shop.acme.example', ['production-eu-west-1', 'production-us-east-1']],
      ['/*', 'default.shop.acme.example', ['production-ap-southeast-1', 'production-eu-central-1', 'production-eu-west-1', 'production-us-east-1']],
    ]);
    expect(r.trees[0].leaves.map((l) => l.name)).toEqual(['production-eu-west-1-api.shop.acme.example', 'production-us-east-1-api.shop.acme.example']);
  });

  it('is recorded in fleet.json', () => {
    const { fleet, eu, web, api } = shop();
    lb(fleet, {
      routes: [{ path: '/api/*', app: api }, { path: '/*', app: web }],
      routing: RoutingPolicy.geolocation([{ location: GeoLocation.continent('EU'), zone: eu }, { location: GeoLocation.default() }]),
    });
    const topology = fleet.assemble().topology;
    expect(topology.zones.map((z) => [z.name, z.clusters])).toEqual([['eu', ['production-eu-central-1', 'production-eu-west-1']]]);
    expect(topology.loadBalancers).toMatchSnapshot();
  });
});

describe('GlobalLoadBalancer decommissioning', () => {
  it('is active until decommission() lifts its guards (step 1); fleet.decommissioned acknowledges its name once it is gone (step 2)', () => {
    const { fleet, web, api } = shop();
    const edge = lb(fleet, { app: web });
    lb(fleet, { app: api, hostname: 'api.acme.example' }, 'www');
    expect(fleet.resolve().loadBalancers.map((x) => x.lifecycle)).toEqual(['active', 'active']);
    edge.decommission();
    fleet.decommissioned('old-edge', 'production-us-east-1');
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(resolved.loadBalancers.map((x) => [x.name, x.lifecycle])).toEqual([['edge', 'decommissioning'], ['www', 'active']]);
    // As given, for the deployment: cluster ids still in the fleet and load balancer names too.
    expect(resolved.fleet.decommissioned).toEqual(['old-edge', 'production-us-east-1']);
  });
});

describe('GlobalLoadBalancer refuses', () => {
  const cases: [string, (s: ReturnType<typeof shop>) => Partial<GlobalLoadBalancerProps>, string][] = [
    ['a geolocation policy without a default', (s) => ({ app: s.web, routing: RoutingPolicy.geolocation([{ location: GeoLocation.continent('EU') }]) }),
      'RoutingPolicy.geolocation() has no rule for GeoLocation.default(); Route 53 answers users no rule matches with nothing, so add a default rule'],
    ['weights all 0', (s) => ({ app: s.web, routing: RoutingPolicy.weighted([{ cluster: s.production.cluster('us-east-1'), weight: 0 }, { cluster: 'production-eu-west-1', weight: 0 }]) }),
      'RoutingPolicy.weighted() gives every cluster weight 0, which Route 53 reads as equal shares; give the clusters the shares you mean, such as 90 and 10'],
    ['a weight out of range', (s) => ({ app: s.web, routing: RoutingPolicy.weighted([{ cluster: 'production-us-east-1', weight: 256 }]) }),
      'RoutingPolicy.weighted() gives cluster "production-us-east-1" weight 256; Route 53 weights are whole numbers from 0 to 255'],
    ['a failover policy without a secondary', (s) => ({ app: s.web, routing: RoutingPolicy.failover({ primary: ['production-us-east-1'], secondary: [] }) }),
      'RoutingPolicy.failover() has no secondary clusters; list at least one'],
    ['a path route to an app that runs on none of the targets', (s) => ({ targets: [s.production.cluster('ap-southeast-1')], routes: [{ path: '/api/*', app: s.api }, { path: '/*', app: s.web }] }),
      'route "/api/*" sends users to app api, which runs on none of its targets (production-ap-southeast-1); place the app on a target or widen the targets'],
    ['a host name that is not a DNS name', (s) => ({ app: s.web, hostname: 'Shop_Acme' }),
      'hostname "Shop_Acme" is not a DNS name such as "shop.acme.example" (lowercase labels of at most 63 characters)'],
    ['a host name outside the hosted zone', (s) => ({ app: s.web, hostname: 'shop.other.example' }),
      'hostname "shop.other.example" is not in the hosted zone acme.example; use a name under acme.example or the zone the name belongs to'],
    ['a health-check interval other than 10 or 30', (s) => ({ app: s.web, healthCheck: { intervalSeconds: 15 } }),
      'healthCheck.intervalSeconds 15 is not one Route 53 offers; use 10 (fast) or 30'],
    ['a failure threshold outside 1 to 10', (s) => ({ app: s.web, healthCheck: { failureThreshold: 11 } }),
      'healthCheck.failureThreshold 11 is out of range; use a whole number from 1 to 10'],
    ['fewer than three checker regions', (s) => ({ app: s.web, healthCheck: { regions: ['us-east-1', 'eu-west-1'] } }),
      'healthCheck.regions lists 2 distinct regions; Route 53 needs at least 3 checker regions'],
    ['routes without a default route', (s) => ({ routes: [{ path: '/api/*', app: s.api }] }),
      'routes have no "/*" route, which CloudFront needs as its default behaviour; add one for the app that serves everything else'],
    ['a target that is not in the fleet', (s) => ({ app: s.web, targets: ['production-us-east-1', 'production-mars-1'] }),
      'names cluster "production-mars-1", which is not among its targets or not in the fleet; fix the id or add the cluster to targets'],
    ['both an app and routes', (s) => ({ app: s.web, routes: [{ path: '/*', app: s.web }] }),
      'the load balancer has both an app and routes; give the app as the route of "/*" instead'],
  ];
  for (const [what, props, message] of cases) {
    it(what, () => {
      const s = shop();
      lb(s.fleet, props(s));
      expect(problemsOf(s.fleet)).toContainEqual({ path: 'acme/edge', message });
    });
  }

  it('too many routes for one distribution', () => {
    const s = shop();
    lb(s.fleet, { routes: [...Array.from({ length: 76 }, (_, i) => ({ path: `/r${i}/*`, app: s.web })), { path: '/*', app: s.web }] });
    expect(problemsOf(s.fleet)).toContainEqual({ path: 'acme/edge', message: '77 routes need 76 cache behaviours, over CloudFront\'s default of 75 per distribution; merge routes or split the host name' });
  });

  it('a residency app\'s route that could answer from outside its zone, even by failover', () => {
    const fleet = newFleet();
    const eu = GdprZone.europeanUnion(fleet, 'eu');
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1', 'eu-central-1'], zones: [eu] });
    const ledger = new FleetApp(fleet, 'ledger', { image: 'ghcr.io/acme/ledger:1.0.0', port: 8080, placement: Placement.environments('production'), residency: eu });
    lb(fleet, { app: ledger, routing: RoutingPolicy.failover({ primary: ['production-eu-west-1', 'production-eu-central-1'], secondary: ['production-us-east-1'] }) });
    const problems = problemsOf(fleet);
    expect(problems).toContainEqual({
      path: 'acme/edge',
      message: 'app ledger keeps its data in zone eu, but the load balancer could answer from production-us-east-1, outside the zone; restrict its targets to the zone\'s clusters',
    });
    expect(problems).toContainEqual(expect.objectContaining({ path: 'acme/ledger', message: expect.stringContaining('is placed on cluster production-us-east-1, which is not in the zone') }));
  });

  it('a residency app through CloudFront when its zone says DNS only', () => {
    const fleet = newFleet();
    const eu = GdprZone.europeanUnion(fleet, 'eu', { edge: ZoneEdge.DNS_ONLY });
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'eu-central-1'], zones: [eu] });
    const ledger = new FleetApp(fleet, 'ledger', { image: 'ghcr.io/acme/ledger:1.0.0', port: 8080, placement: Placement.all(), residency: eu });
    lb(fleet, { routes: [{ path: '/*', app: ledger }] });
    expect(problemsOf(fleet)).toContainEqual({
      path: 'acme/edge',
      message: 'route "/*" to app ledger would pass through CloudFront, which zone eu refuses (edge: dns-only); serve the app on a host name of its own without routes',
    });
  });

  it('a zone rule that lists a cluster outside the zone', () => {
    const s = shop();
    lb(s.fleet, { app: s.web, routing: RoutingPolicy.geolocation([{ location: GeoLocation.continent('EU'), zone: s.eu, clusters: ['production-eu-west-1', 'production-us-east-1'] }, { location: GeoLocation.default() }]) });
    expect(problemsOf(s.fleet)).toContainEqual({
      path: 'acme/edge',
      message: 'geolocation rule for continent EU keeps answers in zone eu but lists production-us-east-1, outside the zone; list only the zone\'s clusters',
    });
  });
});

describe('GlobalLoadBalancer warns', () => {
  it('when every target is in one region: not highly available', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'a', { region: 'eu-west-1' });
    new RegionalCluster(fleet, 'b', { region: 'eu-west-1' });
    const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 3000, placement: Placement.all() });
    lb(fleet, { app: web });
    expect(fleet.resolve().warnings.map((w) => w.message)).toContain('every target of the load balancer runs in one region (eu-west-1); it is not highly available across regions, so add a target in another region');
  });

  it('when losing a region leaves too few replicas for the app\'s peak, and refuses it with RegionLoss.ENFORCE', () => {
    const s = shop();
    const ledgerPeak = new FleetApp(s.fleet, 'orders', { image: 'ghcr.io/acme/orders:1.0.0', port: 8080, placement: Placement.regions('us-east-1', 'eu-west-1'), autoscaling: { minReplicas: 2, maxReplicas: 10 }, peakReplicas: 15 });
    lb(s.fleet, { app: ledgerPeak, regionLoss: RegionLoss.ENFORCE });
    const message = (lost: string, left: string) => `losing region ${lost} leaves ${left} able to run at most 10 replicas of orders, below its peak of 15; raise maxReplicas on the others or add a target in another region`;
    expect(problemsOf(s.fleet)).toEqual([
      { path: 'acme/edge', message: message('eu-west-1', 'production-us-east-1') },
      { path: 'acme/edge', message: message('us-east-1', 'production-eu-west-1') },
    ]);
  });
});
