/** The cost estimate: figures from the price table, spot, extended support, overrides, the layout comparison. */
import { describe, expect, it } from 'vitest';
import {
  AWS_PRICES, CapacityType, CostReport, estimateCost, EnvironmentProfile, FleetValidationError, RegionalCluster,
} from '../../lib';
import { newFleet } from '../helpers/fleets';

const us = AWS_PRICES.regions['us-east-1']!;
const g = AWS_PRICES.global;
const H = 730;
const cents = (x: number) => Math.round(x * 100);

/** One on-demand cluster of 2 × m6i.large (50 GiB) in us-east-1 with a single NAT gateway, and one spot cluster of 3 × t3.large. */
function smallFleet(version?: string) {
  const fleet = newFleet(version ? { kubernetesVersion: version } : {});
  new RegionalCluster(fleet, 'one', {
    region: 'us-east-1', environment: 'prod', profile: EnvironmentProfile.economy(),
    nodePools: [{ name: 'web', instanceTypes: ['m6i.large'], minSize: 1, desiredSize: 2, maxSize: 4, capacityType: CapacityType.ON_DEMAND }],
  });
  new RegionalCluster(fleet, 'two', {
    region: 'us-east-1', environment: 'dev', profile: EnvironmentProfile.economy(),
    nodePools: [{ name: 'cheap', instanceTypes: ['t3.large'], minSize: 3, maxSize: 3, capacityType: CapacityType.SPOT, diskSizeGiB: 20 }],
  });
  return fleet.assemble();
}

const lineOf = (r: CostReport, cluster: string, kind: string) => r.clusters.find((c) => c.id === cluster)!.lines.filter((l) => l.kind === kind);

describe('estimateCost', () => {
  it('prices a small fleet from the table, line by line', () => {
    const r = estimateCost(smallFleet());
    // Cluster "one": control plane, 2 on-demand m6i.large, 2 × 50 GiB gp3, 1 NAT (+ EIP, 100 GiB), two KMS keys, 10 GiB logs kept 90 days.
    const one = [
      H * 0.1, 2 * H * 0.096, 100 * 0.08, H * 0.045, H * 0.005, 100 * 0.045, 1, 1, 10 * 0.5, 30 * 0.03,
    ].reduce((s, x) => s + cents(x), 0) / 100;
    expect(r.clusters.find((c) => c.id === 'one')!.monthly).toBe(one);
    expect(one).toBe(270.06); // 73 + 140.16 + 8 + 32.85 + 3.65 + 4.5 + 1 + 1 + 5 + 0.90
    expect(lineOf(r, 'one', 'kms-key').map((l) => [l.item, l.monthly])).toEqual([['key encrypting Kubernetes secrets', 1], ['key encrypting the control-plane logs', 1]]);
    expect(lineOf(r, 'one', 'nodes')[0]).toMatchObject({ item: 'web: 2 × m6i.large on-demand', quantity: 1460, unitPrice: us.ec2OnDemandPerHour['m6i.large'], monthly: 140.16 });
    // No ingress, no load balancer: no ALB.
    expect(lineOf(r, 'one', 'load-balancer')).toEqual([]);
    expect(r.environments.map((e) => [e.environment, e.monthly])).toEqual([['dev', r.clusters[1]!.monthly], ['prod', one]]);
    expect(r.monthly).toBe((cents(r.clusters[0]!.monthly) + cents(r.clusters[1]!.monthly)) / 100);
    expect(r.sharedMonthly).toBe(0);
  });

  it('prices spot nodes at the assumed discount, and counts the pool size asked for', () => {
    const r = estimateCost(smallFleet());
    const spot = lineOf(r, 'two', 'nodes')[0]!;
    expect(spot.item).toBe('cheap: 3 × t3.large spot');
    expect(spot.unitPrice).toBeCloseTo(0.0832 * (1 - g.spotDiscount), 10);
    expect(spot.monthly).toBe(cents(3 * H * 0.0832 * 0.4) / 100);
    const onDemand = estimateCost(smallFleet(), { prices: { global: { spotDiscount: 0 } } });
    expect(lineOf(onDemand, 'two', 'nodes')[0]!.monthly).toBe(cents(3 * H * 0.0832) / 100);
    expect(lineOf(estimateCost(smallFleet(), { usage: { nodeCount: 'max' } }), 'one', 'nodes')[0]!.quantity).toBe(4 * H);
    expect(lineOf(estimateCost(smallFleet(), { usage: { nodeCount: 'min' } }), 'one', 'nodes')[0]!.quantity).toBe(1 * H);
  });

  it('raises the control plane to the extended-support price when the version is in extended support', () => {
    const standard = estimateCost(smallFleet('1.35'), { supportDate: '2026-12-04' });
    const extended = estimateCost(smallFleet('1.35'), { supportDate: '2027-04-01' });
    expect(lineOf(standard, 'one', 'control-plane')[0]).toMatchObject({ unitPrice: 0.1, monthly: 73 });
    expect(lineOf(extended, 'one', 'control-plane')[0]).toMatchObject({ unitPrice: 0.6, monthly: 438 });
    expect(extended.clusters[0]!.supportPhase).toBe('extended');
    expect(extended.monthly - standard.monthly).toBeCloseTo(2 * (438 - 73), 6);
  });

  it('applies price overrides to their region, and says which regions fall back to us-east-1 rates', () => {
    const fleet = newFleet();
    new RegionalCluster(fleet, 'eu', { region: 'eu-west-1', environment: 'prod', nodePools: [{ name: 'p', instanceTypes: ['m6i.large'], minSize: 1 }] });
    const base = estimateCost(fleet.assemble());
    expect(base.clusters[0]!.regionPriced).toBe(false);
    expect(base.notes.some((n) => n.includes('no prices of eu-west-1'))).toBe(true);
    const own = estimateCost(fleet.assemble(), { prices: { regions: { 'eu-west-1': { ec2OnDemandPerHour: { 'm6i.large': 0.2 }, natGatewayPerHour: 0.1 } } } });
    expect(own.clusters[0]!.regionPriced).toBe(true);
    expect(lineOf(own, 'eu', 'nodes')[0]!.monthly).toBe(146);
    expect(lineOf(own, 'eu', 'nat-gateways')[0]!.monthly).toBe(3 * 73);
    // Fields not given keep us-east-1's.
    expect(lineOf(own, 'eu', 'kms-key')[0]!.unitPrice).toBe(us.kmsKeyPerMonth);
  });

  it('refuses bad overrides with every problem, naming the key', () => {
    const run = () => estimateCost(smallFleet(), {
      prices: { regions: { 'eu-moon-1': {}, 'us-east-1': { ec2OnDemandPerHour: { 'x9.huge': 1 }, albPerHour: -1 } }, global: { spotDiscount: 1.5 } },
      usage: { albLcus: -2 },
    } as never);
    expect(run).toThrow(FleetValidationError);
    try {
      run();
    } catch (e) {
      const messages = (e as FleetValidationError).problems.map((p) => `[${p.path}] ${p.message}`);
      expect(messages).toEqual([
        expect.stringMatching(/^\[estimateCost options\] prices.regions\["eu-moon-1"\]: region "eu-moon-1" is not an AWS commercial region/),
        expect.stringMatching(/^\[estimateCost options\] prices.regions\["us-east-1"\].ec2OnDemandPerHour: instance type "x9.huge" is not in fleetform's instance catalogue/),
        '[estimateCost options] prices.regions["us-east-1"].albPerHour is -1; a price cannot be negative',
        '[estimateCost options] prices.global.spotDiscount is 1.5; give a fraction below 1, such as 0.6 for 60%',
        '[estimateCost options] usage.albLcus is -2; give a number, 0 or more',
      ]);
    }
  });

  it('reports the multi-cluster overhead as the extra control planes, NAT gateways, load balancers, keys and logs', () => {
    const r = estimateCost(smallFleet());
    const c = r.comparison;
    // Two single-NAT clusters against one: one extra control plane, NAT (+ EIP), pair of keys and log set; no ALB anywhere.
    const expected = cents(H * 0.1) + cents(H * 0.045) + cents(H * 0.005) + cents(2) + cents(5) + cents(0.9);
    expect(cents(c.overhead)).toBe(expected);
    expect(c.items.map((i) => [i.item, i.overhead])).toEqual([
      ['EKS control planes', 73],
      ['NAT gateways and their Elastic IPs', 36.5],
      ['ALBs and their public addresses', 0],
      ['KMS keys (secrets, control-plane logs)', 2],
      ['control-plane logs', 5.9],
    ]);
    expect(c.singleCluster).toBe((cents(r.monthly) - expected) / 100);
    expect(c.buys[0]).toBe('2 clusters in 1 region (us-east-1): one cluster\'s or one region\'s failure leaves the others serving');
  });

  it('gives the same report for the same fleet', () => {
    expect(JSON.stringify(estimateCost(smallFleet()))).toBe(JSON.stringify(estimateCost(smallFleet())));
  });
});
