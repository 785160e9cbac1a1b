/**
 * The example fleet of ACME Shop: production near customers in three regions,
 * staging and QA on cheaper infrastructure in one region near the team, and
 * two apps.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  AddressLock, ApiEndpoint, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, Placement,
} from '../../lib';

/** Options for building the example, so tests can vary it. */
export interface AcmeFleetOptions {
  /** Address lock; defaults to the committed `fleetform.lock.json` beside this file. */
  readonly addressLock?: AddressLock;
  /** Extra production regions (tests add one to check that other clusters stay unchanged). */
  readonly extraProductionRegions?: readonly string[];
  /** Who can reach the clusters' APIs; the Pulumi program opens the public endpoint to its own range. */
  readonly apiEndpoint?: ApiEndpoint;
}

/** The committed address lock of the example. */
export const ACME_LOCK_FILE = join(repoRoot(), 'examples', 'acme', 'fleetform.lock.json');

export function buildAcmeFleet(options: AcmeFleetOptions = {}): Fleet {
  const fleet = new Fleet('acme', {
    addressSpace: '10.64.0.0/10',
    kubernetesVersion: '1.31',
    addressLock: options.addressLock ?? AddressLock.file(ACME_LOCK_FILE),
    apiEndpoint: options.apiEndpoint,
  });

  const production = new EnvironmentFleet(fleet, 'production', {
    regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1', ...(options.extraProductionRegions ?? [])],
    profile: EnvironmentProfile.production(),
    access: {
      admins: ['arn:aws:iam::111122223333:role/platform-admins'],
      viewers: ['arn:aws:iam::111122223333:role/support'],
    },
  });
  const team = { admins: ['arn:aws:iam::111122223333:role/developers'] };
  new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-3'], profile: EnvironmentProfile.economy(), access: team });
  new EnvironmentFleet(fleet, 'qa', { regions: ['eu-west-3'], profile: EnvironmentProfile.economy(), access: team });

  const api = new FleetApp(fleet, 'api', {
    image: 'ghcr.io/acme/api:1.4.2',
    port: 8080,
    placement: Placement.all(),
    autoscaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 65 },
    resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } },
    healthCheck: { path: '/healthz' },
    env: { LOG_LEVEL: 'info' },
  });
  // Economy clusters run a single fixed replica; Asia gets the next build first.
  api.addClusterOverride('staging-eu-west-3', { replicas: 1, env: { LOG_LEVEL: 'debug' } });
  api.addClusterOverride('qa-eu-west-3', { replicas: 1, env: { LOG_LEVEL: 'debug' } });
  api.addClusterOverride(production.cluster('ap-southeast-1'), { image: 'ghcr.io/acme/api:1.5.0-rc.1' });

  new FleetApp(fleet, 'storefront', {
    image: 'ghcr.io/acme/storefront:3.2.0',
    port: 3000,
    placement: Placement.environments(production, 'staging'),
    replicas: 3,
    healthCheck: { path: '/' },
  });

  return fleet;
}

/** The folder holding Pulumi.yaml, whether running from source or from build/. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'Pulumi.yaml')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
