/**
 * A global SaaS: production in three regions on three continents, every user
 * answered by the healthy cluster nearest them (latency routing, failover
 * when a region is lost), and a staging cluster near the team.
 *
 * `fleetform synth examples/global-saas/fleet.ts` writes it (the default export).
 */
import {
  AddressLock, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, GlobalLoadBalancer, HostedZone, Placement, RoutingPolicy,
} from '../../lib';
import { exampleLockFile } from '../lock-file';

/** Options for building the example, so tests can vary it. */
export interface GlobalSaasOptions {
  /** Address lock; defaults to the committed `fleetform.lock.json` beside this file. */
  readonly addressLock?: AddressLock;
  /** The day EKS support is judged on; tests fix it. */
  readonly supportDate?: string;
}

/** The committed address lock of the example. */
export const GLOBAL_SAAS_LOCK_FILE = exampleLockFile('global-saas');

export function buildGlobalSaasFleet(options: GlobalSaasOptions = {}): Fleet {
  const fleet = new Fleet('saas', {
    addressSpace: '10.128.0.0/12',
    addressLock: options.addressLock ?? AddressLock.file(GLOBAL_SAAS_LOCK_FILE),
    supportDate: options.supportDate,
    tags: { 'cost-center': 'platform' },
  });

  const production = new EnvironmentFleet(fleet, 'production', {
    regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
    // Larger nodes than the profile's own: the apps' peak needs about 19 vCPU per cluster.
    profile: EnvironmentProfile.production({ nodePool: { name: 'general', instanceTypes: ['m6i.xlarge'], minSize: 3, maxSize: 9 } }),
    access: { admins: ['arn:aws:iam::444455556666:role/platform'], viewers: ['arn:aws:iam::444455556666:role/oncall'] },
  });
  new EnvironmentFleet(fleet, 'staging', {
    regions: ['us-east-2'],
    profile: EnvironmentProfile.economy(),
    access: { admins: ['arn:aws:iam::444455556666:role/developers'] },
  });

  const web = new FleetApp(fleet, 'web', {
    image: 'ghcr.io/saas/web:7.3.0',
    port: 8080,
    placement: Placement.environments(production, 'staging'),
    autoscaling: { minReplicas: 3, maxReplicas: 30, targetCpuUtilization: 60 },
    resources: { cpu: { request: '500m', limit: '2' }, memory: { request: '512Mi', limit: '1Gi' } },
    healthCheck: { path: '/healthz' },
  });
  const api = new FleetApp(fleet, 'api', {
    image: 'ghcr.io/saas/api:12.0.4',
    port: 9000,
    placement: Placement.environments(production, 'staging'),
    autoscaling: { minReplicas: 3, maxReplicas: 40 },
    healthCheck: { path: '/ready' },
  });
  // Staging runs one fixed replica of each.
  web.addClusterOverride('staging-us-east-2', { replicas: 1 });
  api.addClusterOverride('staging-us-east-2', { replicas: 1 });

  // One host name for everyone: the healthy production cluster with the lowest latency answers.
  new GlobalLoadBalancer(fleet, 'app', {
    hostname: 'app.saas.example',
    hostedZone: HostedZone.create('saas.example'),
    targets: production,
    routing: RoutingPolicy.latency(),
    routes: [
      { path: '/api/*', app: api },
      { path: '/*', app: web },
    ],
  });

  return fleet;
}

export default buildGlobalSaasFleet;
