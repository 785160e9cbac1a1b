/**
 * The benchmark fleets: N clusters x M apps. Clusters are spread over ten
 * environments and 30 regions; every app has a Deployment, Service, Ingress,
 * HPA, PDB, NetworkPolicies and a ServiceAccount; one cluster in ten runs app
 * 0 with a pinned replica count, as real fleets carry some per-cluster overrides.
 */
import { AddressLock, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, Placement } from '../lib';

/** Regions used, in a fixed order. */
export const BENCH_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'sa-east-1', 'mx-central-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'af-south-1', 'il-central-1', 'me-central-1', 'me-south-1', 'ap-south-1', 'ap-south-2', 'ap-east-1',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
];

export interface BenchCluster {
  readonly environment: string;
  readonly region: string;
}

/** The (environment, region) of each of the n clusters. */
export function benchClusters(n: number): BenchCluster[] {
  return Array.from({ length: n }, (_, i) => ({ environment: `env${String(Math.floor(i / BENCH_REGIONS.length)).padStart(2, '0')}`, region: BENCH_REGIONS[i % BENCH_REGIONS.length] }));
}

export function appName(j: number): string {
  return `app${String(j).padStart(2, '0')}`;
}

/** Replicas pinned on one cluster in ten for app 0. */
export function pinnedReplicas(clusterIndex: number): number | undefined {
  return clusterIndex % 10 === 5 ? 4 : undefined;
}

/**
 * @param changedApp index of an app whose image moves to a new tag (the one-app-change check)
 * @param addressLock blocks recorded earlier (the Pulumi binding deploys only recorded clusters)
 */
export function buildBenchFleet(n: number, m: number, changedApp?: number, addressLock = AddressLock.none()): Fleet {
  const fleet = new Fleet('bench', { addressSpace: '10.0.0.0/8', clusterBlockPrefix: 18, addressLock });
  const clusters = benchClusters(n);
  const envs = new Map<string, string[]>();
  for (const c of clusters) envs.set(c.environment, [...(envs.get(c.environment) ?? []), c.region]);
  for (const [env, regions] of envs) {
    new EnvironmentFleet(fleet, env, { regions, profile: env === 'env00' ? EnvironmentProfile.production() : EnvironmentProfile.economy() });
  }
  for (let j = 0; j < m; j++) {
    const app = new FleetApp(fleet, appName(j), {
      image: `registry.example/bench/${appName(j)}:1.${j === changedApp ? 1 : 0}.${j}`,
      port: 8080,
      placement: Placement.all(),
      autoscaling: { minReplicas: 2, maxReplicas: 10 },
      healthCheck: { path: '/healthz' },
      ingress: { host: `${appName(j)}.bench.example` },
      env: { APP: appName(j) },
    });
    if (j === 0) {
      clusters.forEach((c, i) => {
        const r = pinnedReplicas(i);
        if (r !== undefined) app.addClusterOverride(`${c.environment}-${c.region}`, { replicas: r });
      });
    }
  }
  return fleet;
}
