/**
 * Rollout waves: computed (canary, pre-production, production region by
 * region; bake time, size limit, clusters kept apart) or given, with every
 * cluster in exactly one wave and no wave that takes every target of a global
 * load balancer; listed in fleet.json.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAcmeFleet } from '../examples/acme/fleet';
import { AddressLock, EnvironmentFleet, VersionChannel, FleetApp, GlobalLoadBalancer, HostedZone, Placement, RegionalCluster, RolloutPlan } from '../lib';
import { formatList } from '../lib/cli/format/list';
import { keepTargetsApart } from '../lib/model/rollout-waves';
import { buildChannelFleet } from './helpers/channel-fleet';
import { newFleet, problemsOf, TEST_SUPPORT_DATE } from './helpers/fleets';

const wavesOf = (t: { waves: readonly { name: string; clusters: readonly string[] }[] }) => t.waves.map((w) => `${w.name}: ${w.clusters.join(' ')}`);

describe('computed waves', () => {
  it('of the acme example: its channel\'s canary, pre-production, then production (and the customer) region by region', () => {
    const fleet = buildAcmeFleet({ addressLock: AddressLock.none(), supportDate: TEST_SUPPORT_DATE });
    const { topology } = fleet.assemble();
    expect(topology.waves).toEqual([
      { index: 1, name: 'canary', clusters: ['canary-eu-west-3'], bakeMinutes: 60 },
      { index: 2, name: 'pre-production', clusters: ['qa-eu-west-3', 'staging-eu-west-3'], bakeMinutes: 60 },
      { index: 3, name: 'production-ap-southeast-1', clusters: ['production-ap-southeast-1'], bakeMinutes: 60 },
      { index: 4, name: 'production-eu-central-1', clusters: ['customer-a'], bakeMinutes: 60 },
      { index: 5, name: 'production-eu-west-1', clusters: ['production-eu-west-1'], bakeMinutes: 60 },
      { index: 6, name: 'production-us-east-1', clusters: ['production-us-east-1'], bakeMinutes: 60 },
    ]);
    expect(topology.clusters.map((c) => [c.id, c.channel?.stage ?? null])).toEqual([
      ['canary-eu-west-3', 'canary'], ['customer-a', 'production'], ['production-ap-southeast-1', 'production'], ['production-eu-west-1', 'production'],
      ['production-us-east-1', 'production'], ['qa-eu-west-3', 'pre-production'], ['staging-eu-west-3', 'pre-production'],
    ]);
  });

  it('of the README\'s example: the canary, staging, then production region by region, each baked an hour', () => {
    const fleet = newFleet({ kubernetesVersion: '1.35' });
    const canary = new RegionalCluster(fleet, 'canary', { region: 'eu-west-3', environment: 'canary', kubernetesVersion: '1.36' });
    const staging = new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'] });
    const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
    const channel = new VersionChannel(fleet, 'kubernetes', {
      stages: [{ name: 'canary', clusters: [canary] }, { name: 'staging', environments: [staging] }, { name: 'production', environments: [production] }],
    });
    new RolloutPlan(fleet, 'rollout', { channel, bakeMinutes: 60 });
    const { waves } = fleet.assemble().topology;
    expect(waves.map((w) => w.name)).toEqual(['canary', 'staging', 'production-eu-west-1', 'production-us-east-1']);
    expect(waves.every((w) => w.bakeMinutes === 60)).toBe(true);
  });

  it('follow a channel\'s stages, its last stage region by region', () => {
    const { topology } = buildChannelFleet({ plan: {} }).fleet.assemble();
    expect(wavesOf(topology)).toEqual([
      'canary: canary',
      'staging: qa-eu-west-3 staging-eu-west-3',
      'production-eu-central-1: customer-a production-eu-central-1',
      'production-eu-west-1: production-eu-west-1',
      'production-us-east-1: production-us-east-1',
    ]);
  });

  it('put the chosen regions first, take several production regions together only when asked, and cut waves to the limit', () => {
    const { topology } = buildChannelFleet({ plan: { regionOrder: ['us-east-1'], productionRegionsPerWave: 2, maxClustersPerWave: 2 } }).fleet.assemble();
    expect(wavesOf(topology)).toEqual([
      'canary: canary',
      'staging: qa-eu-west-3 staging-eu-west-3',
      'production-us-east-1+eu-central-1-1: customer-a production-eu-central-1',
      'production-us-east-1+eu-central-1-2: production-us-east-1',
      'production-eu-west-1: production-eu-west-1',
    ]);
  });

  it('keep a zone\'s clusters, each dedicated cluster and each load balancer\'s targets in waves of their own when asked', () => {
    const separate = (s: object) => wavesOf(buildChannelFleet({ plan: { separate: s, productionRegionsPerWave: 3 } }).fleet.assemble().topology).slice(2);
    expect(separate({ dedicatedTenancy: true })).toEqual([
      'production-eu-central-1+eu-west-1+us-east-1: production-eu-central-1 production-eu-west-1',
      'production-eu-central-1+eu-west-1+us-east-1-held-1: production-us-east-1',
      'production-eu-central-1+eu-west-1+us-east-1-dedicated-customer-a: customer-a',
    ]);
    expect(separate({ zones: true })).toEqual([
      'production-eu-central-1+eu-west-1+us-east-1: production-us-east-1',
      'production-eu-central-1+eu-west-1+us-east-1-zone-eu: customer-a production-eu-central-1 production-eu-west-1',
    ]);
    expect(separate({ loadBalancerTargets: true })).toEqual([
      'production-eu-central-1+eu-west-1+us-east-1: customer-a',
      'production-eu-central-1+eu-west-1+us-east-1-lb-shop: production-eu-central-1 production-eu-west-1',
      'production-eu-central-1+eu-west-1+us-east-1-lb-shop-held-1: production-us-east-1',
    ]);
  });

  it('never take every target of a global load balancer at once, even within one region', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    prod.addCluster('eu-west-1', {}, 'b');
    const app = new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.environments(prod) });
    new GlobalLoadBalancer(fleet, 'shop', { hostname: 'shop.acme.example', hostedZone: HostedZone.existing('Z04512345EXAMPLE', 'acme.example'), app, targets: prod });
    new RolloutPlan(fleet, 'rollout');
    expect(wavesOf(fleet.assemble().topology)).toEqual(['production-eu-west-1: production-b', 'production-eu-west-1-held-1: production-eu-west-1']);
  });

  it('refuse a cluster the channel names in no stage', () => {
    const { fleet } = buildChannelFleet({ plan: {} });
    new RegionalCluster(fleet, 'extra', { region: 'sa-east-1' });
    new RolloutPlan(fleet, 'second');
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/second', message: 'the fleet already has the rollout plan acme/rollout; fleet.json lists one plan\'s waves, so keep one plan' },
      { path: 'acme/rollout', message: 'cluster extra is in no wave: channel kubernetes names it in no stage; add it (or its environment) to a stage of the channel' },
    ]);
  });
});

describe('given waves', () => {
  it('are listed in fleet.json in order, with each wave\'s bake time', () => {
    const { fleet, canary, staging, qa, production, customer } = buildChannelFleet();
    new RolloutPlan(fleet, 'rollout', {
      bakeMinutes: 60,
      waves: [
        { name: 'canary', clusters: [canary], bakeMinutes: 240 },
        { name: 'pre-production', environments: [staging, qa] },
        { name: 'eu', clusters: [production.cluster('eu-west-1'), production.cluster('eu-central-1'), customer] },
        { name: 'us', clusters: [production.cluster('us-east-1')], bakeMinutes: 0 },
      ],
    });
    expect(fleet.assemble().topology.waves).toEqual([
      { index: 1, name: 'canary', clusters: ['canary'], bakeMinutes: 240 },
      { index: 2, name: 'pre-production', clusters: ['qa-eu-west-3', 'staging-eu-west-3'], bakeMinutes: 60 },
      { index: 3, name: 'eu', clusters: ['customer-a', 'production-eu-central-1', 'production-eu-west-1'], bakeMinutes: 60 },
      { index: 4, name: 'us', clusters: ['production-us-east-1'], bakeMinutes: 0 },
    ]);
  });

  it('refuse an empty wave, a cluster in two waves, a cluster in no wave, a wave over the limit and a wave with every target of a load balancer', () => {
    const { fleet, canary, staging, production } = buildChannelFleet();
    new RolloutPlan(fleet, 'rollout', {
      maxClustersPerWave: 3,
      waves: [
        { name: 'canary', clusters: [canary] },
        { name: 'empty', clusters: [] },
        { name: 'staging', environments: [staging], clusters: [canary] },
        { name: 'production', environments: [production] },
      ],
    });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/rollout', message: 'wave "empty" has no clusters; give it environments or clusters that have some, or remove the wave' },
      { path: 'acme/rollout', message: 'cluster canary is in wave "canary" and in wave "staging"; a change reaches a cluster once, so put it (or its environment) in one wave' },
      { path: 'acme/rollout', message: 'cluster customer-a is in no wave; add it (or its environment) to a wave, so every cluster gets the change' },
      { path: 'acme/rollout', message: 'cluster qa-eu-west-3 is in no wave; add it (or its environment) to a wave, so every cluster gets the change' },
      { path: 'acme/rollout', message: 'wave "production" takes every target of load balancer shop (production-eu-central-1, production-eu-west-1, production-us-east-1) at once, so a bad change could leave its users no healthy cluster; move at least one of them to another wave' },
    ]);
  });

  it('are printed by fleetform list, one line a wave', () => {
    const { fleet, canary, staging, qa, production, customer } = buildChannelFleet();
    new RolloutPlan(fleet, 'rollout', {
      bakeMinutes: 30,
      waves: [{ name: 'early', clusters: [canary], environments: [staging, qa] }, { name: 'eu', clusters: [production.cluster('eu-west-1'), customer] }, { name: 'rest', clusters: [production.cluster('eu-central-1'), production.cluster('us-east-1')] }],
    });
    const text = formatList(fleet.assemble().topology);
    expect(text.slice(text.indexOf('\nwaves\n'))).toBe([
      '',
      'waves',
      '  #  name   bake    clusters',
      '  1  early  30 min  canary, qa-eu-west-3, staging-eu-west-3',
      '  2  eu     30 min  customer-a, production-eu-west-1',
      '  3  rest   30 min  production-eu-central-1, production-us-east-1',
      '',
    ].join('\n'));
  });

  it('refuse options of computed waves, a bad bake time and a wave name used twice', () => {
    const { fleet, canary, channel } = buildChannelFleet();
    new RolloutPlan(fleet, 'rollout', { channel, bakeMinutes: -5, waves: [{ name: 'all', clusters: [canary], bakeMinutes: 1.5 }, { name: 'all' }] });
    expect(problemsOf(fleet).slice(0, 4)).toEqual([
      { path: 'acme/rollout', message: 'bakeMinutes is -5; use a whole number, 0 or more' },
      { path: 'acme/rollout', message: 'channel orders computed waves, and the plan gives its waves itself; drop channel, or drop waves to have them computed' },
      { path: 'acme/rollout', message: 'wave name "all" is used twice; give each wave its own name' },
      { path: 'acme/rollout', message: 'wave "all" bakeMinutes is 1.5; use a whole number, 0 or more' },
    ]);
  });

  it('refuse a cluster of another fleet', () => {
    const { canary } = buildChannelFleet();
    const fleet = newFleet({}, 'shop');
    const own = new RegionalCluster(fleet, 'own', { region: 'eu-west-1' });
    new RolloutPlan(fleet, 'rollout', { waves: [{ name: 'all', clusters: [own, canary] }] });
    expect(problemsOf(fleet)).toEqual([
      { path: 'shop/rollout', message: 'wave "all" clusters names cluster acme/canary of fleet acme, not of fleet shop; a fleet\'s constructs can refer only to its own, so use a cluster of fleet shop' },
    ]);
  });
});

/** A generated fleet: clusters with an environment, region and tenancy, load balancers over some of them. */
const ENVIRONMENTS = ['canary', 'staging', 'qa', 'production', 'customer'];
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-1'];
const clusterSpec = fc.record({ environment: fc.constantFrom(...ENVIRONMENTS), region: fc.constantFrom(...REGIONS), dedicated: fc.boolean() });
const fleetSpec = fc.record({
  clusters: fc.array(clusterSpec, { minLength: 1, maxLength: 10 }),
  balancers: fc.array(fc.array(fc.nat(9), { minLength: 1, maxLength: 5 }), { maxLength: 3 }),
  maxClustersPerWave: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  separate: fc.record({ zones: fc.boolean(), dedicatedTenancy: fc.boolean(), loadBalancerTargets: fc.boolean() }),
});

function generatedWaves(spec: typeof fleetSpec extends fc.Arbitrary<infer T> ? T : never) {
  const fleet = newFleet();
  const clusters = spec.clusters.map((c, i) => new RegionalCluster(fleet, `c${i}`, {
    region: c.region, environment: c.environment, tenancy: c.dedicated ? 'dedicated' : 'shared', nodePools: [{ name: 'general', minSize: 1 }],
  } as never));
  const app = new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, replicas: 1, placement: Placement.clusters(...clusters) });
  spec.balancers.forEach((picks, i) => {
    const targets = [...new Set(picks.map((n) => clusters[n % clusters.length]))];
    new GlobalLoadBalancer(fleet, `lb${i}`, { hostname: `lb${i}.acme.example`, hostedZone: HostedZone.existing('Z04512345EXAMPLE', 'acme.example'), app, targets });
  });
  new RolloutPlan(fleet, 'rollout', { maxClustersPerWave: spec.maxClustersPerWave, separate: spec.separate });
  const resolved = fleet.resolve();
  return { resolved, plan: resolved.rolloutPlans[0] };
}

describe('computed waves of generated fleets', () => {
  it('hold every cluster exactly once, no two production regions, never every target of a load balancer, within the limit; and are deterministic', () => {
    fc.assert(fc.property(fleetSpec, (spec) => {
      const { resolved, plan } = generatedWaves(spec);
      expect(resolved.problems.filter((p) => p.path === 'acme/rollout')).toEqual([]);
      const placed = plan.waves.flatMap((w) => w.clusters);
      expect([...placed].sort()).toEqual(resolved.clusters.map((c) => c.id).sort());
      const byId = new Map(resolved.clusters.map((c) => [c.id, c]));
      const production = (id: string) => !['canary', 'staging', 'qa'].includes(byId.get(id)!.environment);
      for (const w of plan.waves) {
        expect(w.clusters.length).toBeGreaterThan(0);
        if (spec.maxClustersPerWave !== undefined) expect(w.clusters.length).toBeLessThanOrEqual(spec.maxClustersPerWave);
        const prod = w.clusters.filter(production);
        expect(new Set(prod.map((id) => byId.get(id)!.region)).size).toBeLessThanOrEqual(1);
        if (prod.length > 0) expect(prod).toEqual(w.clusters); // production never shares a wave with earlier stages
        for (const lb of resolved.loadBalancers) {
          if (lb.targets.length >= 2) expect(lb.targets.every((t) => w.clusters.includes(t))).toBe(false);
        }
      }
      const first = plan.waves.findIndex((w) => w.clusters.some(production));
      if (first >= 0) expect(plan.waves.slice(first).every((w) => w.clusters.every(production))).toBe(true);
      expect(generatedWaves(spec).plan.waves).toEqual(plan.waves);
    }), { numRuns: 60 });
  });

  it('split a wave so no target set of two or more lies wholly in one part', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1 }),
      fc.array(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 2 }).map((t) => t.sort()), { maxLength: 5 }),
      (wave, sets) => {
        const parts = keepTargetsApart(wave, sets);
        expect(parts.flat().sort()).toEqual([...wave].sort());
        for (const part of parts) {
          expect(part.length).toBeGreaterThan(0);
          for (const t of sets) expect(t.every((id) => part.includes(id))).toBe(false);
        }
      },
    ));
  });
});
