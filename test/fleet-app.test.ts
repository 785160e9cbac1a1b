import { describe, expect, it } from 'vitest';
import { EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, FleetAppProps, Placement } from '../lib';
import { newFleet, placedOn, problemAt, problemsOf, specOf } from './helpers/fleets';

function fleetWithEnvironments(): Fleet {
  const fleet = newFleet();
  new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
  new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'], profile: EnvironmentProfile.economy() });
  return fleet;
}

function app(fleet: Fleet, props: Partial<FleetAppProps> = {}, id = 'api'): FleetApp {
  return new FleetApp(fleet, id, { image: 'ghcr.io/acme/api:1.4.2', port: 8080, placement: Placement.all(), ...props });
}

describe('FleetApp defaults', () => {
  it('fills in every default of its spec', () => {
    const fleet = fleetWithEnvironments();
    const a = app(fleet);
    expect(a.namespace).toBe('api');
    expect(specOf(fleet, a.appName, 'production-us-east-1')).toEqual({
      name: 'api',
      namespace: 'api',
      image: 'ghcr.io/acme/api:1.4.2',
      port: 8080,
      servicePort: 80,
      replicas: 2,
      autoscaling: undefined,
      resources: { cpu: { request: '100m' }, memory: { request: '128Mi', limit: '256Mi' } },
      healthCheck: {},
      maxUnavailable: 1,
      spreadAcrossZones: true,
      ingress: undefined,
      loadBalanced: false,
      env: {},
      labels: {},
      callers: [],
      callees: [],
      egress: { internet: true, cidrs: [] },
      workload: {
        kind: 'service',
        startupProbe: { check: { type: 'tcp' }, failureThreshold: 3 },
        readinessProbe: { check: { type: 'tcp' }, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 },
        livenessProbe: { check: { type: 'tcp' }, initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 },
        runAsUser: 65532,
        runAsGroup: 65532,
        terminationGracePeriodSeconds: 30,
        drainSeconds: 10,
        volumes: [],
      },
    });
  });

  it('synthesizes these objects on a cluster', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    app(fleet);
    const file = fleet.assemble().clusters[0].files.find((f) => f.name === '3000-app-api.k8s.yaml')!;
    expect(file.content).toMatchSnapshot();
  });
});

describe('FleetApp placement and overrides', () => {
  it('lands on the clusters its placement selects, sorted, and only those get its chart', () => {
    const fleet = fleetWithEnvironments();
    const a = app(fleet, { placement: Placement.environments('production') });
    expect(placedOn(fleet, a.appName)).toEqual(['production-eu-west-1', 'production-us-east-1']);
    const files = Object.fromEntries(fleet.assemble().clusters.map((c) => [c.clusterId, c.files.map((f) => f.name)]));
    expect(files).toEqual({
      'production-eu-west-1': ['0000-baseline.k8s.yaml', '3000-app-api.k8s.yaml'],
      'production-us-east-1': ['0000-baseline.k8s.yaml', '3000-app-api.k8s.yaml'],
      'staging-eu-west-3': ['0000-baseline.k8s.yaml'],
    });
  });

  it('applies an override to its cluster only, merging overrides given twice', () => {
    const fleet = fleetWithEnvironments();
    const a = app(fleet, { autoscaling: { minReplicas: 3, maxReplicas: 9 }, env: { LOG_LEVEL: 'info', REGION_AWARE: '1' } });
    a.addClusterOverride('staging-eu-west-3', { replicas: 1 });
    a.addClusterOverride('staging-eu-west-3', { image: 'ghcr.io/acme/api:1.5.0-rc.1', env: { LOG_LEVEL: 'debug' } });
    const staging = specOf(fleet, a.appName, 'staging-eu-west-3');
    expect(staging).toMatchObject({ image: 'ghcr.io/acme/api:1.5.0-rc.1', replicas: 1, autoscaling: undefined, env: { LOG_LEVEL: 'debug', REGION_AWARE: '1' } });
    const prod = specOf(fleet, a.appName, 'production-us-east-1');
    expect(prod).toMatchObject({ image: 'ghcr.io/acme/api:1.4.2', replicas: undefined, autoscaling: { minReplicas: 3, maxReplicas: 9, targetCpuUtilization: 70 }, env: { LOG_LEVEL: 'info' } });
  });

  it('accepts a cluster construct as override target', () => {
    const fleet = newFleet();
    const prod = new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
    const a = app(fleet, { replicas: 2 });
    a.addClusterOverride(prod.cluster('eu-west-1'), { autoscaling: { minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 50 } });
    expect(specOf(fleet, a.appName, 'production-eu-west-1')).toMatchObject({ replicas: undefined, autoscaling: { minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 50 } });
  });
});

describe('FleetApp validation', () => {
  it('refuses a name that is not a DNS-1123 label', () => {
    const fleet = fleetWithEnvironments();
    app(fleet, {}, 'My App');
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/My App',
      message: 'app name "My App" is not a DNS-1123 label (lowercase letters, digits and \'-\', starting and ending with a letter or digit); try "my-app"',
    }]);
  });

  it('refuses an app placed on no cluster', () => {
    const fleet = fleetWithEnvironments();
    app(fleet, { placement: Placement.where({ environments: ['staging'], regions: ['us-east-1'] }) });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/api',
      message: 'the app is placed on no cluster (placement: environments=staging regions=us-east-1); widen the placement or add a cluster it selects',
    }]);
  });

  it('refuses autoscaling together with fixed replicas, on the app and in an override', () => {
    const fleet = fleetWithEnvironments();
    const a = app(fleet, { replicas: 3, autoscaling: { minReplicas: 2, maxReplicas: 6 } });
    a.addClusterOverride('staging-eu-west-3', { replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 2 } });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/api', message: 'sets both replicas (3) and autoscaling; autoscaling manages replicas, so remove one of them' },
      { path: 'acme/api', message: 'override "staging-eu-west-3" sets both replicas (1) and autoscaling; autoscaling manages replicas, so remove one of them' },
    ]);
  });

  it('refuses an override for a cluster the app is not placed on', () => {
    const fleet = fleetWithEnvironments();
    const a = app(fleet, { placement: Placement.environments('production') });
    a.addClusterOverride('staging-eu-west-3', { replicas: 1 });
    expect(problemsOf(fleet)).toEqual([{
      path: 'acme/api',
      message: 'override for cluster "staging-eu-west-3" names a cluster the app is not placed on (production-eu-west-1, production-us-east-1); fix the id or the placement',
    }]);
  });

  it('refuses an unpinned image, bad ports, quantities, probes, budgets, env names and scaling bounds', () => {
    const fleet = fleetWithEnvironments();
    app(fleet, {
      image: 'ghcr.io/acme/api',
      port: 70000,
      servicePort: 0,
      resources: { cpu: { request: 'lots', limit: '1' } },
      healthCheck: { path: 'healthz' },
      maxUnavailable: 0,
      env: { 'BAD NAME': 'x' },
      autoscaling: { minReplicas: 4, maxReplicas: 2, targetCpuUtilization: 150 },
    });
    expect(problemsOf(fleet)).toEqual([
      problemAt('acme/api', 'image "ghcr.io/acme/api" has no tag or digest, so it means ":latest"; pin a version such as "ghcr.io/acme/api:1.0.0"'),
      problemAt('acme/api', 'port 70000 is not a TCP port; use 1 to 65535'),
      problemAt('acme/api', 'servicePort 0 is not a TCP port; use 1 to 65535'),
      problemAt('acme/api', 'autoscaling.maxReplicas 2 is below minReplicas 4; raise maxReplicas'),
      problemAt('acme/api', 'autoscaling.targetCpuUtilization 150 must be a percentage from 1 to 100'),
      problemAt('acme/api', 'resources.cpu.request "lots" is not a Kubernetes quantity'),
      problemAt('acme/api', 'healthCheck.path "healthz" must start with \'/\''),
      problemAt('acme/api', 'maxUnavailable 0 must be a whole number of at least 1; 0 would block every node drain'),
      problemAt('acme/api', 'env name "BAD NAME" is not a valid environment variable name'),
    ]);
  });
});

describe('FleetApp validation of names, namespaces and placement', () => {
  it('refuses a name starting with a digit, since it names a Service', () => {
    const fleet = fleetWithEnvironments();
    app(fleet, {}, '3d-render');
    expect(problemsOf(fleet)).toEqual([problemAt('acme/3d-render', 'app name "3d-render" starts with a digit; it names the app\'s Service')]);
  });

  it('refuses a negative or fractional probe delay', () => {
    const fleet = fleetWithEnvironments();
    app(fleet, { healthCheck: { initialDelaySeconds: -1 } });
    app(fleet, { healthCheck: { initialDelaySeconds: 2.5 } }, 'web');
    expect(problemsOf(fleet)).toEqual([
      problemAt('acme/api', 'healthCheck.initialDelaySeconds -1 must be a whole number of seconds, 0 or more'),
      problemAt('acme/web', 'healthCheck.initialDelaySeconds 2.5 must be a whole number of seconds, 0 or more'),
    ]);
  });

  it('refuses a placement naming a cluster that is not in the fleet, even when others match', () => {
    const fleet = fleetWithEnvironments();
    app(fleet, { placement: Placement.clusters('production-us-east-1', 'production-us-east-9') });
    expect(problemsOf(fleet)).toEqual([problemAt('acme/api', 'placement names cluster "production-us-east-9", which is not in the fleet')]);
  });

  it('refuses a namespace reserved for Kubernetes or fleetform', () => {
    const fleet = fleetWithEnvironments();
    app(fleet, { namespace: 'kube-system' });
    app(fleet, { namespace: 'fleetform-system' }, 'web');
    expect(problemsOf(fleet)).toEqual([
      problemAt('acme/api', 'namespace "kube-system" is reserved for Kubernetes or fleetform'),
      problemAt('acme/web', 'namespace "fleetform-system" is reserved for Kubernetes or fleetform'),
    ]);
  });

  it('refuses two apps sharing a namespace on a cluster, and two apps with one name', () => {
    const fleet = fleetWithEnvironments();
    app(fleet, { namespace: 'shop', placement: Placement.environments('production') });
    app(fleet, { namespace: 'shop', placement: Placement.regions('eu-west-1', 'eu-west-3') }, 'web');
    const team = new EnvironmentFleet(fleet, 'team', { regions: ['eu-north-1'] });
    app(team as unknown as Fleet, { placement: Placement.environments('team') });
    expect(problemsOf(fleet)).toEqual([
      { path: 'acme/team/api', message: 'app name "api" is also used by acme/api; give one of them another id' },
      { path: 'acme/web', message: 'apps acme/api and acme/web both use namespace "shop" on production-eu-west-1; give one of them a namespace of its own' },
    ]);
  });
});
