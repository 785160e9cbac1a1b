/**
 * The guards of what holds state under Pulumi mocks: `protect` (and EKS
 * deletion protection, and `retainOnDelete` for keys and logs) on every
 * stateful resource, lifted only for a cluster or load balancer that is
 * decommissioning.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { mockedBinding, settle } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

// The mocks are installed before the model and the binding load.
const m = mockedBinding();

/** What holds state, each kept from deletion and replacement. */
const STATEFUL = [
  'aws:acm/certificate:Certificate',
  'aws:cloudfront/distribution:Distribution',
  'aws:cloudwatch/logGroup:LogGroup',
  'aws:ec2/subnet:Subnet',
  'aws:ec2/vpc:Vpc',
  'aws:eks/cluster:Cluster',
  'aws:kms/key:Key',
  'aws:route53/zone:Zone',
];
/** What is also left in the account when the stack lets it go. */
const KEPT = ['aws:cloudwatch/logGroup:LogGroup', 'aws:kms/key:Key'];

interface Decisions {
  /** Clusters whose `decommission()` is called. */
  readonly clusters?: readonly string[];
  /** Load balancers whose `decommission()` is called. */
  readonly loadBalancers?: readonly string[];
}

/**
 * Two production clusters behind two load balancers that share a hosted zone
 * fleetform creates (one with path routes, so through CloudFront), and a
 * staging cluster; every block m.recorded.
 */
function guardedFleet(decisions: Decisions = {}) {
  const build = (addressLock: ReturnType<typeof m.lib.AddressLock.none>) => {
    const { ApiEndpoint, EnvironmentFleet, Fleet, FleetApp, GlobalLoadBalancer, HostedZone, Placement } = m.lib;
    const fleet = new Fleet('grd', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
    const production = new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1', 'eu-west-1'] });
    const staging = new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
    const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/grd/web:1.0.0', port: 8080, placement: Placement.all(), healthCheck: { path: '/' } });
    const zone = HostedZone.create('grd.example');
    const lbs = [
      new GlobalLoadBalancer(fleet, 'www', { hostname: 'www.grd.example', hostedZone: zone, app: web, targets: production }),
      // Left open: the DNS-only load balancer above shares its clusters.
      new GlobalLoadBalancer(fleet, 'shop', { hostname: 'shop.grd.example', hostedZone: zone, targets: production, routes: [{ path: '/*', app: web }], originProtection: false }),
    ];
    for (const c of [...production.clusters, ...staging.clusters]) if (decisions.clusters?.includes(c.clusterId)) c.decommission();
    for (const lb of lbs) if (decisions.loadBalancers?.includes(lb.loadBalancerName)) lb.decommission();
    return fleet;
  };
  return build(m.lib.AddressLock.of(build(m.lib.AddressLock.none()).resolve().addressLock.next));
}

async function deploy(name: string, decisions: Decisions = {}): Promise<Recorded[]> {
  const before = m.recorded.length;
  new m.binding.FleetDeployment(name, { fleet: guardedFleet(decisions) });
  await settle(m.recorded);
  return m.recorded.slice(before);
}

/** Whether a recorded resource belongs to cluster `id` (its names start with the id). */
const ofCluster = (r: Recorded, id: string) => r.name.startsWith(`${id}-`);

describe('an active fleet', () => {
  let added: Recorded[];
  beforeAll(async () => {
    added = await deploy('active');
  });

  it('protects every resource that holds state, and no other', () => {
    const protectedTypes = [...new Set(added.filter((r) => r.custom && r.options.protect).map((r) => r.type))].sort();
    expect(protectedTypes).toEqual(STATEFUL);
    for (const r of added.filter((x) => STATEFUL.includes(x.type))) expect(r.options.protect, `${r.type} ${r.name}`).toBe(true);
    expect(added.filter((r) => STATEFUL.includes(r.type)).map((r) => r.type).filter((t, i, all) => all.indexOf(t) === i).sort()).toEqual(STATEFUL);
  });

  it('keeps keys and logs in the account if the stack lets them go, and nothing else', () => {
    expect([...new Set(added.filter((r) => r.options.retainOnDelete).map((r) => r.type))].sort()).toEqual(KEPT);
    for (const r of added.filter((x) => KEPT.includes(x.type))) expect(r.options.retainOnDelete, r.name).toBe(true);
  });

  it('turns on EKS deletion protection on every cluster', () => {
    const clusters = added.filter((r) => r.type === 'aws:eks/cluster:Cluster');
    expect(clusters).toHaveLength(3);
    for (const c of clusters) expect(c.inputs.deletionProtection, c.name).toBe(true);
  });
});

describe('decommissioning', () => {
  it('lifts the guards of that cluster alone', async () => {
    const added = await deploy('one-leaves', { clusters: ['staging-eu-west-3'] });
    const leaving = added.filter((r) => ofCluster(r, 'staging-eu-west-3') && STATEFUL.includes(r.type));
    expect(leaving.map((r) => r.type).filter((t, i, all) => all.indexOf(t) === i).sort()).toEqual([
      'aws:cloudwatch/logGroup:LogGroup', 'aws:ec2/subnet:Subnet', 'aws:ec2/vpc:Vpc', 'aws:eks/cluster:Cluster', 'aws:kms/key:Key',
    ]);
    for (const r of leaving) expect([r.name, r.options.protect, r.options.retainOnDelete]).toEqual([r.name, false, false]);
    expect(leaving.find((r) => r.type === 'aws:eks/cluster:Cluster')!.inputs.deletionProtection).toBe(false);
    const staying = added.filter((r) => !ofCluster(r, 'staging-eu-west-3') && STATEFUL.includes(r.type));
    expect(staying.length).toBeGreaterThan(20);
    for (const r of staying) expect(r.options.protect, `${r.type} ${r.name}`).toBe(true);
    for (const c of staying.filter((r) => r.type === 'aws:eks/cluster:Cluster')) expect(c.inputs.deletionProtection).toBe(true);
  });

  it('lifts the guards of a load balancer\'s certificates and distribution, and of its zone once no other load balancer uses it', async () => {
    const one = await deploy('shop-leaves', { loadBalancers: ['shop'] });
    const unprotected = (rs: Recorded[]) => rs.filter((r) => STATEFUL.includes(r.type) && !r.options.protect).map((r) => `${r.type}::${r.name}`).sort();
    expect(unprotected(one)).toEqual([
      'aws:acm/certificate:Certificate::shop-certificates-cloudfront',
      'aws:acm/certificate:Certificate::shop-certificates-eu-west-1',
      'aws:acm/certificate:Certificate::shop-certificates-us-east-1',
      'aws:cloudfront/distribution:Distribution::shop-cdn',
    ]);
    const both = await deploy('both-leave', { loadBalancers: ['shop', 'www'] });
    expect(unprotected(both)).toEqual([
      'aws:acm/certificate:Certificate::shop-certificates-cloudfront',
      'aws:acm/certificate:Certificate::shop-certificates-eu-west-1',
      'aws:acm/certificate:Certificate::shop-certificates-us-east-1',
      'aws:acm/certificate:Certificate::www-certificates-eu-west-1',
      'aws:acm/certificate:Certificate::www-certificates-us-east-1',
      'aws:cloudfront/distribution:Distribution::shop-cdn',
      'aws:route53/zone:Zone::grd-grd.example',
    ]);
  });
});
