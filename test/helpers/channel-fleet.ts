/**
 * A fleet with a version channel, for the tests of channels and rollout waves:
 * a canary cluster, staging and QA in one region, production in three regions
 * (two of them in the EU zone), a dedicated customer cluster in the zone, and
 * a global load balancer over production.
 */
import {
  AddressLock, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, GdprZone, GlobalLoadBalancer, HostedZone, Placement, RegionalCluster,
  RolloutPlanProps, RolloutPlan, Tenancy, VersionChannel,
} from '../../lib';
import { newFleet } from './fleets';

/** What tests vary in the channel fleet. */
export interface ChannelFleetOptions {
  /** The canary's minor. @default '1.35' */
  readonly canaryVersion?: string;
  /** Production's minor. @default '1.35' */
  readonly productionVersion?: string;
  /** Adds a rollout plan with these props, ordered by the channel. */
  readonly plan?: RolloutPlanProps;
  /** The load balancer's hosted zone. @default HostedZone.existing('Z04512345EXAMPLE', 'acme.example') */
  readonly hostedZone?: HostedZone;
  /** @default AddressLock.none() */
  readonly addressLock?: AddressLock;
}

/** The channel fleet and its constructs, so tests can name them. */
export interface ChannelFleet {
  readonly fleet: Fleet;
  readonly canary: RegionalCluster;
  readonly staging: EnvironmentFleet;
  readonly qa: EnvironmentFleet;
  readonly production: EnvironmentFleet;
  readonly customer: RegionalCluster;
  readonly channel: VersionChannel;
}

export function buildChannelFleet(options: ChannelFleetOptions = {}): ChannelFleet {
  const fleet = newFleet({ kubernetesVersion: '1.35', ...(options.addressLock ? { addressLock: options.addressLock } : {}) });
  const eu = GdprZone.europeanUnion(fleet, 'eu');
  const economy = EnvironmentProfile.economy();
  const canary = new RegionalCluster(fleet, 'canary', { region: 'eu-west-3', environment: 'canary', profile: economy, kubernetesVersion: options.canaryVersion ?? '1.35' });
  const staging = new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'], profile: economy });
  const qa = new EnvironmentFleet(fleet, 'qa', { regions: ['eu-west-3'], profile: economy });
  const production = new EnvironmentFleet(fleet, 'production', {
    regions: ['us-east-1', 'eu-west-1', 'eu-central-1'], zones: [eu], kubernetesVersion: options.productionVersion ?? '1.35',
  });
  const customer = new RegionalCluster(fleet, 'customer-a', {
    region: 'eu-central-1', environment: 'customer', zone: eu, tenancy: Tenancy.DEDICATED,
    nodePools: [{ name: 'dedicated', instanceTypes: ['m6i.xlarge'] }], kubernetesVersion: options.productionVersion ?? '1.35',
  });
  const api = new FleetApp(fleet, 'api', {
    image: 'ghcr.io/acme/api:1.4.2', port: 8080, replicas: 2, placement: Placement.environments(production, staging, 'canary'), healthCheck: { path: '/healthz' },
  });
  new GlobalLoadBalancer(fleet, 'shop', { hostname: 'shop.acme.example', hostedZone: options.hostedZone ?? HostedZone.existing('Z04512345EXAMPLE', 'acme.example'), app: api, targets: production });
  const channel = new VersionChannel(fleet, 'kubernetes', {
    stages: [
      { name: 'canary', clusters: [canary] },
      { name: 'staging', environments: [staging, qa] },
      { name: 'production', environments: [production], clusters: [customer] },
    ],
  });
  if (options.plan) new RolloutPlan(fleet, 'rollout', { channel, ...options.plan });
  return { fleet, canary, staging, qa, production, customer, channel };
}
