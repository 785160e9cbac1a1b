/**
 * Origin protection under Pulumi mocks: each origin of a CloudFront load
 * balancer gets, in its own VPC, the two security groups its Ingresses name —
 * HTTPS from CloudFront's origin-facing prefix list and from Route 53's health
 * checkers of its region — and no other cluster gets them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recorded } from './mocks';
import { mockedBinding, settle } from './mocks';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

const m = mockedBinding();

function originFleet() {
  const build = (addressLock: ReturnType<typeof m.lib.AddressLock.none>) => {
    const { ApiEndpoint, EnvironmentFleet, Fleet, FleetApp, GlobalLoadBalancer, HostedZone, Placement } = m.lib;
    const fleet = new Fleet('org', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
    const production = new EnvironmentFleet(fleet, 'prod', { regions: ['us-east-1', 'eu-west-1'] });
    new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
    const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/org/web:1.0.0', port: 8080, placement: Placement.all(), healthCheck: { path: '/' } });
    new GlobalLoadBalancer(fleet, 'shop', { hostname: 'shop.org.example', hostedZone: HostedZone.create('org.example'), targets: production, routes: [{ path: '/*', app: web }] });
    return fleet;
  };
  return build(m.lib.AddressLock.of(build(m.lib.AddressLock.none()).resolve().addressLock.next));
}

describe('origin protection in the binding', () => {
  let added: Recorded[];
  beforeAll(async () => {
    const before = m.recorded.length;
    new m.binding.FleetDeployment('origin', { fleet: originFleet() });
    await settle(m.recorded);
    added = m.recorded.slice(before);
  });

  const groups = () => added.filter((r) => r.type === 'aws:ec2/securityGroup:SecurityGroup' && r.name.includes('-origin-'));

  it('creates the two groups in each origin cluster\'s VPC, named as the Ingresses name them, and none elsewhere', () => {
    expect(groups().map((g) => [g.name, g.inputs.tags.Name]).sort()).toEqual([
      ['prod-eu-west-1-origin-cloudfront', 'org-cloudfront-origin'],
      ['prod-eu-west-1-origin-health-checks', 'org-route53-health-checks'],
      ['prod-us-east-1-origin-cloudfront', 'org-cloudfront-origin'],
      ['prod-us-east-1-origin-health-checks', 'org-route53-health-checks'],
    ]);
    const vpcs = added.filter((r) => r.type === 'aws:ec2/vpc:Vpc');
    for (const g of groups()) {
      const cluster = g.name.replace(/-origin-.*$/, '');
      const vpc = vpcs.find((v) => v.name.startsWith(`${cluster}-`))!;
      expect(g.inputs.vpcId, g.name).toBe(`${vpc.name}-id`);
    }
  });

  it('admits HTTPS only, from CloudFront\'s origin-facing list and from the region\'s health checkers, and sends only into the VPC', () => {
    const byName = new Map(groups().map((g) => [g.name, g]));
    const rules = (name: string) => byName.get(name)!.inputs.ingress.map((r: any) => [r.protocol, r.fromPort, r.toPort, r.prefixListIds, r.cidrBlocks ?? []]);
    expect(rules('prod-us-east-1-origin-cloudfront')).toEqual([['tcp', 443, 443, ['pl-mock-global-cloudfront-origin-facing'], []]]);
    expect(rules('prod-us-east-1-origin-health-checks')).toEqual([['tcp', 443, 443, ['pl-mock-us-east-1-route53-healthchecks'], []]]);
    expect(rules('prod-eu-west-1-origin-health-checks')).toEqual([['tcp', 443, 443, ['pl-mock-eu-west-1-route53-healthchecks'], []]]);
    const vpcCidr = added.find((r) => r.type === 'aws:ec2/vpc:Vpc' && r.name.startsWith('prod-us-east-1-'))!.inputs.cidrBlock;
    for (const g of groups().filter((x) => x.name.startsWith('prod-us-east-1-'))) {
      expect(g.inputs.egress).toEqual([expect.objectContaining({ protocol: 'tcp', fromPort: 0, toPort: 65535, cidrBlocks: [vpcCidr] })]);
    }
  });
});
