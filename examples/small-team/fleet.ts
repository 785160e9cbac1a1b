/**
 * A small team: one cluster per environment in one region near the team —
 * production on the production profile, staging and development on the
 * cheaper economy profile — and one app promoted from development to
 * production by changing its image per cluster. One region: no global load
 * balancer (fleetform warns that one region is not highly available).
 *
 * `fleetform synth examples/small-team/fleet.ts` writes it (the default export).
 */
import { AddressLock, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, Placement } from '../../lib';
import { exampleLockFile } from '../lock-file';

/** Options for building the example, so tests can vary it. */
export interface SmallTeamOptions {
  /** Address lock; defaults to the committed `fleetform.lock.json` beside this file. */
  readonly addressLock?: AddressLock;
  /** The day EKS support is judged on; tests fix it. */
  readonly supportDate?: string;
}

/** The committed address lock of the example. */
export const SMALL_TEAM_LOCK_FILE = exampleLockFile('small-team');

export function buildSmallTeamFleet(options: SmallTeamOptions = {}): Fleet {
  const fleet = new Fleet('tidy', {
    addressLock: options.addressLock ?? AddressLock.file(SMALL_TEAM_LOCK_FILE),
    supportDate: options.supportDate,
  });
  const team = { admins: ['arn:aws:iam::123456789012:role/team'] };

  new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-2'], profile: EnvironmentProfile.production(), access: team });
  const staging = new EnvironmentFleet(fleet, 'staging', { regions: ['eu-west-2'], profile: EnvironmentProfile.economy(), access: team });
  const development = new EnvironmentFleet(fleet, 'development', { regions: ['eu-west-2'], profile: EnvironmentProfile.economy(), access: team });

  const app = new FleetApp(fleet, 'shop', {
    image: 'ghcr.io/tidy/shop:2.3.0',
    port: 8080,
    placement: Placement.all(),
    autoscaling: { minReplicas: 2, maxReplicas: 6 },
    healthCheck: { path: '/healthz' },
  });
  // Promotion is one line per environment: development runs the next build, staging the candidate.
  app.addClusterOverride(development.cluster('eu-west-2'), { image: 'ghcr.io/tidy/shop:2.4.0-dev.7', replicas: 1 });
  app.addClusterOverride(staging.cluster('eu-west-2'), { image: 'ghcr.io/tidy/shop:2.4.0-rc.1', replicas: 1 });


  return fleet;
}

export default buildSmallTeamFleet;
