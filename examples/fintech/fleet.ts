/**
 * A fintech under GDPR: EU customers' payments are served and stored only by
 * clusters in EU member states (the `eu` zone), with failover between two EU
 * regions; the rest of the world is answered by latency; one bank gets a
 * dedicated cluster on its own hardware inside the zone.
 *
 * `fleetform synth examples/fintech/fleet.ts` writes it (the default export).
 */
import {
  AddressLock, CapacityType, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, GdprZone, GeoLocation, GlobalLoadBalancer, HostedZone,
  Placement, RegionalCluster, RoutingPolicy, Tenancy,
} from '../../lib';
import { exampleLockFile } from '../lock-file';

/** Options for building the example, so tests can vary it. */
export interface FintechOptions {
  /** Address lock; defaults to the committed `fleetform.lock.json` beside this file. */
  readonly addressLock?: AddressLock;
  /** The day EKS support is judged on; tests fix it. */
  readonly supportDate?: string;
}

/** The committed address lock of the example. */
export const FINTECH_LOCK_FILE = exampleLockFile('fintech');

export function buildFintechFleet(options: FintechOptions = {}): Fleet {
  const fleet = new Fleet('ledgerly', {
    addressSpace: '10.96.0.0/11',
    addressLock: options.addressLock ?? AddressLock.file(FINTECH_LOCK_FILE),
    supportDate: options.supportDate,
  });

  // EU customers' data stays in clusters in EU member states.
  const eu = GdprZone.europeanUnion(fleet, 'eu');

  const production = new EnvironmentFleet(fleet, 'production', {
    regions: ['eu-central-1', 'eu-west-1', 'us-east-1'],
    profile: EnvironmentProfile.production(),
    zones: [eu],
    access: { admins: ['arn:aws:iam::777788889999:role/sre'], viewers: ['arn:aws:iam::777788889999:role/audit'] },
  });
  // Staging tests the payments service with EU data too, so it is in the zone.
  new EnvironmentFleet(fleet, 'staging', {
    regions: ['eu-west-1'],
    profile: EnvironmentProfile.economy(),
    zones: [eu],
    access: { admins: ['arn:aws:iam::777788889999:role/engineers'] },
  });

  // The bank's contract: its own hardware, in the EU, running only its tenant of the ledger.
  const bank = new RegionalCluster(fleet, 'bank-nord', {
    region: 'eu-north-1',
    environment: 'dedicated',
    zone: eu,
    tenancy: Tenancy.DEDICATED,
    nodePools: [{ name: 'dedicated', instanceTypes: ['m6i.xlarge'], minSize: 3, maxSize: 6, capacityType: CapacityType.ON_DEMAND }],
    labels: { customer: 'bank-nord' },
  });

  const payments = new FleetApp(fleet, 'payments', {
    image: 'ghcr.io/ledgerly/payments:4.8.1',
    port: 8443,
    placement: Placement.where({ clusters: [production.cluster('eu-central-1'), production.cluster('eu-west-1'), 'staging-eu-west-1'] }),
    residency: eu,
    autoscaling: { minReplicas: 3, maxReplicas: 12 },
    resources: { cpu: { request: '500m', limit: '2' }, memory: { request: '1Gi', limit: '1Gi' } },
    healthCheck: { path: '/healthz' },
  });
  payments.addClusterOverride('staging-eu-west-1', { replicas: 1 });
  const portal = new FleetApp(fleet, 'portal', {
    image: 'ghcr.io/ledgerly/portal:2.14.0',
    port: 3000,
    placement: Placement.environments(production, 'staging'),
    autoscaling: { minReplicas: 2, maxReplicas: 8 },
    healthCheck: { path: '/' },
  });
  portal.addClusterOverride('staging-eu-west-1', { replicas: 1 });
  const ledger = new FleetApp(fleet, 'ledger', {
    image: 'ghcr.io/ledgerly/ledger:9.1.0',
    port: 8080,
    placement: Placement.clusters(bank),
    residency: eu,
    replicas: 3,
    env: { TENANT: 'bank-nord' },
    healthCheck: { path: '/healthz' },
  });

  // Account statements, made in Frankfurt from the bank's ledger, which runs only on the bank's cluster in Stockholm:
  // statements gets LEDGER_URL, a private name answered by the ledger's internal load balancer, reached over a VPC
  // peering of the two clusters. Both keep their data in the EU zone, so the call never leaves it.
  new FleetApp(fleet, 'statements', {
    image: 'ghcr.io/ledgerly/statements:1.3.0',
    port: 8080,
    placement: Placement.clusters(production.cluster('eu-central-1')),
    residency: eu,
    replicas: 2,
    healthCheck: { path: '/healthz' },
    calls: [ledger],
  });

  // EU users: Frankfurt while it is healthy, else Ireland — never outside the zone. Everyone else: nearest cluster.
  new GlobalLoadBalancer(fleet, 'pay', {
    hostname: 'pay.ledgerly.example',
    hostedZone: HostedZone.existing('Z0777EXAMPLE', 'ledgerly.example'),
    targets: production,
    routing: RoutingPolicy.geolocation([
      {
        location: GeoLocation.continent('EU'),
        zone: eu,
        policy: RoutingPolicy.failover({ primary: [production.cluster('eu-central-1')], secondary: [production.cluster('eu-west-1')] }),
      },
      { location: GeoLocation.default() },
    ]),
    routes: [
      { path: '/v1/payments/*', app: payments },
      { path: '/*', app: portal },
    ],
  });

  return fleet;
}

export default buildFintechFleet;
