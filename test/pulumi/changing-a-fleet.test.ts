/**
 * The README's "Changing a running fleet" table, row by row: each change is
 * made to a small fleet (production in two regions behind a global load
 * balancer with path routes, staging in one), the plans before and after are
 * recorded under fleetform's mocks, and the class the diff gives is the one
 * the table states.
 */
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AddressLock as AddressLockType, Fleet as FleetType } from '../../lib';
import { classifyPlanDiff, diffPlans, formatPlanSummary, RecordedPlan, recordPlan } from '../../lib/pulumi/testing';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

/** What a row of the table changes. */
interface Variant {
  readonly regions?: readonly string[];
  readonly stagingName?: string;
  /** Rename the load-balanced production environment to this, with renamedFrom: 'production'. */
  readonly productionName?: string;
  /** Give the renamed staging environment renamedFrom: 'staging'. */
  readonly renamed?: boolean;
  /** Remove the dropped region with its two steps: acknowledge it with fleet.decommissioned. */
  readonly acknowledgeRemoval?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
  readonly instanceTypes?: readonly string[];
  readonly dedicated?: boolean;
  readonly version?: string;
  readonly apiImage?: string;
  readonly docsRoute?: boolean;
  readonly copyFleetTagsToNodes?: boolean;
}

let lib: typeof import('../../lib');
let binding: typeof import('../../lib/pulumi');
let lock: AddressLockType;

function buildFleet(v: Variant, addressLock: AddressLockType): FleetType {
  const { CapacityType, EnvironmentFleet, EnvironmentProfile, Fleet, FleetApp, GlobalLoadBalancer, HostedZone, Placement, Tenancy } = lib;
  const fleet = new Fleet('shop', { addressLock, supportDate: TEST_SUPPORT_DATE, kubernetesVersion: v.version ?? '1.35', tags: v.tags ?? { 'cost-center': 'shop' } });
  const production = new EnvironmentFleet(fleet, v.productionName ?? 'production', {
    ...(v.productionName ? { renamedFrom: 'production' } : {}),
    regions: [...(v.regions ?? ['us-east-1', 'eu-west-1'])],
    tenancy: v.dedicated ? Tenancy.DEDICATED : Tenancy.SHARED,
    profile: EnvironmentProfile.production({
      nodePool: { name: 'general', instanceTypes: [...(v.instanceTypes ?? ['m6i.large'])], minSize: 3, maxSize: 6, capacityType: CapacityType.ON_DEMAND },
    }),
  });
  new EnvironmentFleet(fleet, v.stagingName ?? 'staging', { regions: ['eu-west-3'], ...(v.renamed ? { renamedFrom: 'staging' } : {}) });
  if (v.acknowledgeRemoval) fleet.decommissioned('production-eu-west-1');
  const api = new FleetApp(fleet, 'api', { image: v.apiImage ?? 'ghcr.io/shop/api:1.0.0', port: 8080, placement: Placement.all(), healthCheck: { path: '/healthz' } });
  const web = new FleetApp(fleet, 'web', { image: 'ghcr.io/shop/web:1.0.0', port: 3000, placement: Placement.all() });
  const docs = new FleetApp(fleet, 'docs', { image: 'ghcr.io/shop/docs:1.0.0', port: 3000, placement: Placement.environments(production) });
  new GlobalLoadBalancer(fleet, 'www', {
    hostname: 'www.shop.example',
    hostedZone: HostedZone.existing('Z0123456789ABC', 'shop.example'),
    targets: production,
    routes: [{ path: '/api/*', app: api }, ...(v.docsRoute ? [{ path: '/docs/*', app: docs }] : []), { path: '/*', app: web }],
  });
  return fleet;
}

/** The lock a synth of the variant writes over the running fleet's lock (new clusters recorded, renames moved). */
function lockAfter(v: Variant): AddressLockType {
  return lib.AddressLock.of(JSON.parse(buildFleet(v, lock).resolve().addressLock.text).clusters);
}

async function planOf(v: Variant): Promise<RecordedPlan> {
  const after = lockAfter(v);
  return recordPlan({
    pulumi, project: 'shop', stack: 'prod',
    program: () => new binding.FleetDeployment('shop', { fleet: buildFleet(v, after), copyFleetTagsToNodes: v.copyFleetTagsToNodes, privateEndpointsReachable: true, deployer: 'arn:aws:iam::111122223333:role/deployer' }),
  });
}

beforeAll(async () => {
  lib = await import('../../lib');
  binding = await import('../../lib/pulumi');
  // The running fleet's committed lock, as its last synth wrote it.
  lock = lib.AddressLock.of(JSON.parse(buildFleet({}, lib.AddressLock.none()).resolve().addressLock.text).clusters);
});

/** The rows of the README's table that the binding can already express, with their class. */
const ROWS: readonly { change: string; variant: Variant; expected: 'safe' | 'rolling' | 'destructive' | 'refused' }[] = [
  { change: 'add a region to an environment', variant: { regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'] }, expected: 'safe' },
  { change: 'remove a region', variant: { regions: ['us-east-1'] }, expected: 'refused' },
  { change: 'remove a region, acknowledged with fleet.decommissioned', variant: { regions: ['us-east-1'], acknowledgeRemoval: true }, expected: 'destructive' },
  { change: 'rename an environment', variant: { stagingName: 'stage' }, expected: 'refused' },
  { change: 'rename an environment with renamedFrom', variant: { stagingName: 'stage', renamed: true }, expected: 'rolling' },
  { change: 'rename the load-balanced environment with renamedFrom', variant: { productionName: 'prod' }, expected: 'rolling' },
  { change: 'change the fleet\'s tags', variant: { tags: { 'cost-center': 'shop-eu', team: 'platform' } }, expected: 'safe' },
  { change: 'change the fleet\'s tags with copyFleetTagsToNodes', variant: { tags: { 'cost-center': 'shop-eu' }, copyFleetTagsToNodes: true }, expected: 'rolling' },
  { change: 'change a pool\'s instance types', variant: { instanceTypes: ['m7i.large'] }, expected: 'rolling' },
  { change: 'change tenancy', variant: { dedicated: true }, expected: 'rolling' },
  { change: 'bump the Kubernetes minor', variant: { version: '1.36' }, expected: 'rolling' },
  { change: 'change an app\'s image', variant: { apiImage: 'ghcr.io/shop/api:1.1.0' }, expected: 'rolling' },
  { change: 'add a path route', variant: { docsRoute: true }, expected: 'safe' },
];

describe('changing a running fleet, as the README\'s table classes it', () => {
  let base: RecordedPlan;
  let baseCopying: RecordedPlan;

  beforeAll(async () => {
    base = await planOf({});
    baseCopying = await planOf({ copyFleetTagsToNodes: true });
  });

  for (const row of ROWS) {
    it(`${row.change}: ${row.expected}`, async () => {
      if (row.expected === 'refused') {
        await expect(planOf(row.variant)).rejects.toBeInstanceOf(lib.FleetValidationError);
        return;
      }
      const before = row.variant.copyFleetTagsToNodes ? baseCopying : base;
      const diff = diffPlans(before, await planOf(row.variant));
      const verdict = classifyPlanDiff(diff);
      expect(verdict.class, `${verdict.because.join('\n')}\n${formatPlanSummary(diff, { details: 'all' })}`).toBe(row.expected);
    });
  }
});
