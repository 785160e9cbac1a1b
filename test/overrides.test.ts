import { describe, expect, it } from 'vitest';
import { AppOverrideOptions, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, FleetAppProps, GdprZone, Override, Placement } from '../lib';
import { synthSnapshot } from '../lib/testing';
import { newFleet, problemsOf, specOf } from './helpers/fleets';

const IMAGE = 'ghcr.io/acme/api:1.4.2';
const PROBLEM_FREE = { problems: [] };

/** Anything, as a JavaScript caller might pass it. */
const js = <T>(x: unknown): T => x as T;

/**
 * production-us-east-1, production-eu-west-1 (in zone eu, labelled tier=edge)
 * and staging-eu-west-3 (its environment labelled stage=pre).
 */
function testFleet(): { fleet: Fleet; eu: GdprZone; production: EnvironmentFleet; staging: EnvironmentFleet } {
  const fleet = newFleet();
  const eu = GdprZone.europeanUnion(fleet, 'eu');
  const production = new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1'], zones: [eu] });
  production.addCluster('eu-west-1', { labels: { tier: 'edge' } });
  const staging = new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'], profile: EnvironmentProfile.economy(), labels: { stage: 'pre' } });
  return { fleet, eu, production, staging };
}

function app(fleet: Fleet, props: Partial<FleetAppProps> = {}): FleetApp {
  return new FleetApp(fleet, 'api', { image: IMAGE, port: 8080, placement: Placement.all(), ...props });
}

describe('precedence: app < environment < region / zone / labels < cluster', () => {
  const tagged = (tag: string): AppOverrideOptions => ({ image: `ghcr.io/acme/api:${tag}` });
  // Each row adds the overrides named, each giving its own tag; the cluster looked at is production-eu-west-1.
  const rows: [string, ('environment' | 'region' | 'zone' | 'labels' | 'cluster')[], string][] = [
    ['the app alone', [], '1.4.2'],
    ['an environment over the app', ['environment'], 'environment'],
    ['a region over an environment', ['environment', 'region'], 'region'],
    ['a zone over an environment', ['environment', 'zone'], 'zone'],
    ['labels over an environment', ['environment', 'labels'], 'labels'],
    ['a cluster over a region', ['environment', 'region', 'cluster'], 'cluster'],
    ['a cluster over a zone and labels', ['labels', 'cluster', 'zone'], 'cluster'],
  ];
  it.each(rows)('%s', (_, levels, winner) => {
    const { fleet, eu, production } = testFleet();
    const a = app(fleet);
    for (const level of levels) {
      if (level === 'environment') a.addOverride(Override.environment(production), tagged('environment'));
      if (level === 'region') a.addOverride(Override.region('eu-west-1'), tagged('region'));
      if (level === 'zone') a.addOverride(Override.zone(eu), tagged('zone'));
      if (level === 'labels') a.addOverride(Override.labels({ tier: 'edge' }), tagged('labels'));
      if (level === 'cluster') a.addClusterOverride(production.cluster('eu-west-1'), tagged('cluster'));
    }
    expect(fleet.resolve()).toMatchObject(PROBLEM_FREE);
    expect(specOf(fleet, 'api', 'production-eu-west-1').image).toBe(`ghcr.io/acme/api:${winner}`);
  });

  it('replaces each setting on its own: a higher override giving one setting leaves the others as below', () => {
    const { fleet, production } = testFleet();
    const a = app(fleet, { autoscaling: { minReplicas: 2, maxReplicas: 8 }, resources: { memory: { request: '256Mi', limit: '512Mi' } }, env: { LOG_LEVEL: 'info', MODE: 'full' } });
    a.addOverride(Override.environment('production'), { replicas: 3, env: { LOG_LEVEL: 'warn' }, resources: { cpu: { request: '250m', limit: '1' } } });
    a.addOverride(Override.region('eu-west-1'), { autoscaling: { minReplicas: 3, maxReplicas: 12 }, env: { REGION: 'eu' } });
    a.addClusterOverride(production.cluster('eu-west-1'), { env: { MODE: 'lite' } });
    expect(fleet.resolve()).toMatchObject(PROBLEM_FREE);
    expect(specOf(fleet, 'api', 'production-eu-west-1')).toMatchObject({
      replicas: undefined,
      autoscaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 70 },
      resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } },
      env: { LOG_LEVEL: 'warn', MODE: 'lite', REGION: 'eu' },
    });
    expect(specOf(fleet, 'api', 'production-us-east-1')).toMatchObject({ replicas: 3, autoscaling: undefined, env: { LOG_LEVEL: 'warn', MODE: 'full' } });
    expect(specOf(fleet, 'api', 'staging-eu-west-3')).toMatchObject({ replicas: undefined, env: { LOG_LEVEL: 'info', MODE: 'full' } });
  });

  it('overrides the ingress host of an app with an ingress', () => {
    const { fleet } = testFleet();
    const a = app(fleet, { ingress: { host: 'shop.acme.example', path: '/api' } });
    a.addOverride(Override.environment('staging'), { ingressHost: 'staging.shop.acme.example' });
    expect(specOf(fleet, 'api', 'staging-eu-west-3').ingress).toEqual({ host: 'staging.shop.acme.example', path: '/api', scheme: 'internet-facing' });
    expect(specOf(fleet, 'api', 'production-us-east-1').ingress?.host).toBe('shop.acme.example');
  });

  it('merges one selector given twice into one override, env by variable', () => {
    const { fleet } = testFleet();
    const a = app(fleet);
    a.addOverride(Override.environment('staging'), { replicas: 1, env: { A: '1' } });
    a.addOverride(Override.environment('staging'), { env: { B: '2' } });
    expect(a.scopedOverrides).toHaveLength(1);
    expect(specOf(fleet, 'api', 'staging-eu-west-3')).toMatchObject({ replicas: 1, env: { A: '1', B: '2' } });
  });

  it('merges a cluster override given twice alike, a later scaling replacing the earlier', () => {
    const { fleet } = testFleet();
    const a = app(fleet);
    a.addClusterOverride('staging-eu-west-3', { replicas: 1, env: { A: '1' } });
    a.addClusterOverride('staging-eu-west-3', { autoscaling: { minReplicas: 1, maxReplicas: 3 }, env: { B: '2' } });
    expect(fleet.resolve()).toMatchObject(PROBLEM_FREE);
    expect(specOf(fleet, 'api', 'staging-eu-west-3')).toMatchObject({ replicas: undefined, autoscaling: { minReplicas: 1, maxReplicas: 3 }, env: { A: '1', B: '2' } });
  });
});

describe('overrides of equal precedence', () => {
  it('refuses two that give one setting different values on a cluster, naming the app, the cluster, both and the setting', () => {
    const { fleet } = testFleet();
    const a = app(fleet);
    a.addOverride(Override.region('eu-west-1'), { replicas: 3 });
    a.addOverride(Override.labels({ tier: 'edge' }), { replicas: 4 });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/api',
      message: 'app "api" on cluster "production-eu-west-1": overrides region("eu-west-1") and labels({ tier: "edge" }) have equal precedence and set replicas to 3 and 4; make one of them more specific, or set replicas for that cluster with addClusterOverride("production-eu-west-1", ...)',
    }]);
  });

  it('names replicas or autoscaling when one gives each', () => {
    const { fleet, eu } = testFleet();
    const a = app(fleet);
    a.addOverride(Override.zone(eu), { replicas: 3 });
    a.addOverride(Override.region('eu-west-1'), { autoscaling: { minReplicas: 2, maxReplicas: 6 } });
    expect(problemsOf(fleet).map((p) => p.message)).toEqual([
      'app "api" on cluster "production-eu-west-1": overrides zone("eu") and region("eu-west-1") have equal precedence and set replicas or autoscaling to replicas 3 and autoscaling {"maxReplicas":6,"minReplicas":2,"targetCpuUtilization":70}; make one of them more specific, or set replicas or autoscaling for that cluster with addClusterOverride("production-eu-west-1", ...)',
    ]);
  });

  it('merges env variable by variable, a conflict being per variable', () => {
    const { fleet } = testFleet();
    const a = app(fleet, { env: { BASE: 'x' } });
    a.addOverride(Override.region('eu-west-1'), { env: { LOG_LEVEL: 'debug', REGION: 'eu' } });
    a.addOverride(Override.labels({ tier: 'edge' }), { env: { LOG_LEVEL: 'info', TIER: 'edge', REGION: 'eu' } });
    expect(problemsOf(fleet).map((p) => p.message)).toEqual([
      'app "api" on cluster "production-eu-west-1": overrides region("eu-west-1") and labels({ tier: "edge" }) have equal precedence and set env.LOG_LEVEL to "debug" and "info"; make one of them more specific, or set env.LOG_LEVEL for that cluster with addClusterOverride("production-eu-west-1", ...)',
    ]);
  });

  it('accepts them when they agree, or when a cluster override settles the setting', () => {
    const { fleet, production } = testFleet();
    const a = app(fleet);
    a.addOverride(Override.region('eu-west-1'), { image: 'ghcr.io/acme/api:1.5.0', env: { LOG_LEVEL: 'debug', REGION: 'eu' } });
    a.addOverride(Override.labels({ tier: 'edge' }), { image: 'ghcr.io/acme/api:1.5.0', env: { LOG_LEVEL: 'info', TIER: 'edge' } });
    a.addClusterOverride(production.cluster('eu-west-1'), { env: { LOG_LEVEL: 'warn' } });
    expect(fleet.resolve()).toMatchObject(PROBLEM_FREE);
    expect(specOf(fleet, 'api', 'production-eu-west-1')).toMatchObject({ image: 'ghcr.io/acme/api:1.5.0', env: { LOG_LEVEL: 'warn', REGION: 'eu', TIER: 'edge' } });
  });
});

describe('overrides that select nothing', () => {
  it('warns about one that applies to none of the app\'s clusters, naming it', () => {
    const { fleet } = testFleet();
    const a = app(fleet, { placement: Placement.environments('production') });
    a.addOverride(Override.environment('staging'), { replicas: 1 });
    a.addOverride(Override.labels({ tier: 'egde' }), { replicas: 1 });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(resolved.warnings.filter((w) => w.rule === 'app-overrides-match')).toEqual([
      { path: 'acme/api', rule: 'app-overrides-match', message: 'override environment("staging") applies to none of the clusters the app runs on (production-eu-west-1, production-us-east-1), so it changes nothing; fix it (a typo?) or remove it' },
      { path: 'acme/api', rule: 'app-overrides-match', message: 'override labels({ tier: "egde" }) applies to none of the clusters the app runs on (production-eu-west-1, production-us-east-1), so it changes nothing; fix it (a typo?) or remove it' },
    ]);
  });

  it('refuses an environment, region or zone the fleet does not have, with a did-you-mean', () => {
    const { fleet } = testFleet();
    const a = app(fleet);
    a.addOverride(Override.environment('stagin'), { replicas: 1 });
    a.addOverride(Override.region('eu-west-2'), { replicas: 1 });
    a.addOverride(Override.zone('ue'), { replicas: 1 });
    a.addOverride(Override.region('ap-south-1'), { replicas: 1 });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/api', message: 'override environment("stagin") names environment "stagin", which is not in the fleet; did you mean "staging"? (the fleet has production, staging)' },
      { path: 'acme/api', message: 'override region("eu-west-2") names region "eu-west-2", which is not in the fleet; did you mean "eu-west-1"? (the fleet has eu-west-1, eu-west-3, us-east-1)' },
      { path: 'acme/api', message: 'override zone("ue") names zone "ue", which is not in the fleet; did you mean "eu"? (the fleet has eu)' },
      { path: 'acme/api', message: 'override region("ap-south-1") names region "ap-south-1", which is not in the fleet; fix the name (the fleet has eu-west-1, eu-west-3, us-east-1)' },
    ]);
  });
});

describe('JavaScript callers', () => {
  it('get a problem for each wrong shape, naming the override', () => {
    const { fleet } = testFleet();
    const other = newFleet({}, 'other');
    const a = app(fleet);
    a.addOverride(js('staging'), { replicas: 1 });
    a.addOverride(js(undefined), { replicas: 1 });
    a.addOverride(Override.environment(js(42)), { replicas: 1 });
    a.addOverride(Override.labels(js('tier=edge')), { replicas: 1 });
    a.addOverride(Override.labels({}), { replicas: 1 });
    a.addOverride(Override.labels(js({ tier: 1 })), { replicas: 1 });
    a.addOverride(Override.environment('staging'), js({ replicas: 'one', replica: 2, resources: { cpu: { request: 'lots', limit: '1' } } }));
    a.addOverride(Override.region('eu-west-3'), { ingressHost: 'staging.shop.acme.example' });
    a.addOverride(Override.zone(GdprZone.europeanUnion(other, 'eu')), { replicas: 1 });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/api', message: 'addOverride was given the string "staging"; give an Override, such as Override.environment("staging") or Override.region("eu-west-1")' },
      { path: 'acme/api', message: 'addOverride was given undefined; give an Override, such as Override.environment("staging") or Override.region("eu-west-1")' },
      { path: 'acme/api', message: 'Override.environment was given the number 42; give a name or an EnvironmentFleet, such as Override.environment("staging")' },
      { path: 'acme/api', message: 'Override.labels was given the string "tier=edge"; give an object of label names to values, such as Override.labels({ tier: "edge" })' },
      { path: 'acme/api', message: 'Override.labels was given no labels, which would select every cluster; name at least one, such as Override.labels({ tier: "edge" }), or change the app\'s own props' },
      { path: 'acme/api', message: 'Override.labels label "tier" is the number 1, not a string; give one such as "edge"' },
      { path: 'acme/api', message: 'override environment("staging") replicas is the string "one", not a number; give one such as 2' },
      { path: 'acme/api', message: 'override environment("staging") replica is not a known property; did you mean "replicas"?' },
      { path: 'acme/api', message: 'override environment("staging") resources.cpu.request "lots" is not a Kubernetes quantity such as "250m" or "256Mi"' },
      { path: 'acme/api', message: 'override region("eu-west-3") sets ingressHost, but the app has no ingress; give the app an ingress, or remove ingressHost' },
      { path: 'acme/api', message: 'Override.zone names zone other/eu of fleet other, not of fleet acme; a fleet\'s constructs can refer only to its own, so use a zone of fleet acme' },
    ]);
  });
});

describe('manifests and fleet.json', () => {
  it('carry what the overrides set, cluster by cluster', () => {
    const { fleet } = testFleet();
    const a = app(fleet, { ingress: { host: 'shop.acme.example' }, autoscaling: { minReplicas: 2, maxReplicas: 8 } });
    a.addOverride(Override.environment('staging'), { image: 'ghcr.io/acme/api:1.5.0-rc.1', replicas: 1, ingressHost: 'staging.shop.acme.example', env: { LOG_LEVEL: 'debug' } });
    a.addOverride(Override.labels({ tier: 'edge' }), { resources: { cpu: { request: '500m', limit: '2' } } });
    const snapshot = synthSnapshot(fleet);
    const topology = JSON.parse(snapshot.fleetJson) as { apps: { name: string; clusters: { id: string; image: string; replicas: number | null }[] }[] };
    expect(topology.apps.find((x) => x.name === 'api')!.clusters.map((c) => [c.id, c.image, c.replicas])).toEqual([
      ['production-eu-west-1', IMAGE, null],
      ['production-us-east-1', IMAGE, null],
      ['staging-eu-west-3', 'ghcr.io/acme/api:1.5.0-rc.1', 1],
    ]);
    const appFile = (cluster: string): string => Object.entries(snapshot.clusters[cluster]).find(([name]) => name.endsWith('-app-api.k8s.yaml'))![1];
    const staging = appFile('staging-eu-west-3');
    expect(staging).toContain('image: ghcr.io/acme/api:1.5.0-rc.1');
    expect(staging).toContain('replicas: 1');
    expect(staging).toContain('host: staging.shop.acme.example');
    expect(staging).toMatch(/- name: LOG_LEVEL\n\s+value: debug/);
    expect(staging).not.toContain('HorizontalPodAutoscaler');
    expect(appFile('production-eu-west-1')).toMatch(/limits:\n\s+cpu: "2"\n\s+memory: 256Mi\n\s+requests:\n\s+cpu: 500m\n/);
    expect(appFile('production-us-east-1')).toMatch(/limits:\n\s+memory: 256Mi\n\s+requests:\n\s+cpu: 100m\n/);
    expect(appFile('production-us-east-1')).toContain('host: shop.acme.example');
  });

  it('promoting an image from staging to production by one environment override changes only production\'s app files and fleet.json', () => {
    const build = (productionImage: string): ReturnType<typeof synthSnapshot> => {
      const { fleet } = testFleet();
      const a = app(fleet);
      a.addOverride(Override.environment('staging'), { image: 'ghcr.io/acme/api:1.5.0' });
      a.addOverride(Override.environment('production'), { image: productionImage });
      return synthSnapshot(fleet);
    };
    const flatten = (s: ReturnType<typeof synthSnapshot>): Record<string, string> => ({
      'fleet.json': s.fleetJson,
      ...Object.fromEntries(Object.entries(s.clusters).flatMap(([id, files]) => Object.entries(files).map(([name, content]) => [`${id}/${name}`, content]))),
    });
    const before = flatten(build(IMAGE));
    const after = flatten(build('ghcr.io/acme/api:1.5.0'));
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed.map((k) => k.replace(/\/\d+-/, '/NNNN-'))).toEqual([
      'fleet.json',
      'production-eu-west-1/NNNN-app-api.k8s.yaml',
      'production-us-east-1/NNNN-app-api.k8s.yaml',
    ]);
    for (const k of changed.slice(1)) expect(after[k]).toBe(before[k].replaceAll(IMAGE, 'ghcr.io/acme/api:1.5.0'));
  });
});
