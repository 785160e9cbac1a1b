/**
 * Changing an app's AWS permissions on a running fleet, planned under
 * fleetform's mocks: what the README's "Cloud permissions for apps" says is
 * updated in place, added or replaced, diff by diff.
 */
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AddressLock as AddressLockType, AppPolicyStatement, Fleet as FleetType } from '../../lib';
import { classifyPlanDiff, diffPlans, PlanDiff, RecordedPlan, recordPlan } from '../../lib/pulumi/testing';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';

interface Variant {
  readonly statements?: readonly AppPolicyStatement[];
  readonly managed?: readonly string[];
  readonly regions?: readonly string[];
  readonly namespace?: string;
  /** No AWS permissions at all. */
  readonly none?: boolean;
}

const READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shop-orders/*' } as const;
const WRITE = { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::shop-orders/${aws:PrincipalTag/eks-cluster-name}/*' } as const;
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const SQS_READ = 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess';

let lib: typeof import('../../lib');
let binding: typeof import('../../lib/pulumi');
let lock: AddressLockType;

function buildFleet(v: Variant, addressLock: AddressLockType): FleetType {
  const { EnvironmentFleet, Fleet, FleetApp, Placement } = lib;
  const fleet = new Fleet('shop', { addressLock, supportDate: TEST_SUPPORT_DATE });
  new EnvironmentFleet(fleet, 'production', { regions: [...(v.regions ?? ['us-east-1', 'eu-west-1'])] });
  new FleetApp(fleet, 'orders', {
    image: 'ghcr.io/shop/orders:1.0.0', port: 8080, placement: Placement.all(), namespace: v.namespace,
    ...(v.none ? {} : { awsPermissions: { statements: v.statements ?? [READ], managedPolicyArns: v.managed ?? [S3_READ] } }),
  });
  return fleet;
}

async function planOf(v: Variant): Promise<RecordedPlan> {
  const after = lib.AddressLock.of(JSON.parse(buildFleet(v, lock).resolve().addressLock.text).clusters);
  return recordPlan({
    pulumi, project: 'shop', stack: 'prod',
    program: () => new binding.FleetDeployment('shop', { fleet: buildFleet(v, after), privateEndpointsReachable: true, deployer: 'arn:aws:iam::111122223333:role/deployer' }),
  });
}

/** The changes of the diff to the app's role, policies and associations, as `<kind> <name>`. */
function identityChanges(diff: PlanDiff): string[] {
  return diff.changes.filter((c) => c.custom && c.kind !== 'same' && /^aws:(iam|eks\/podIdentityAssociation)/.test(c.type) && (c.name.startsWith('shop-orders') || c.name.endsWith('-app-orders')))
    .map((c) => `${c.kind} ${c.name.replace(/-[0-9a-f]{8}$/, '-<hash>')}${c.kind === 'update' ? ` (${c.changed.join(', ')})` : ''}`).sort();
}

beforeAll(async () => {
  lib = await import('../../lib');
  binding = await import('../../lib/pulumi');
  lock = lib.AddressLock.of(JSON.parse(buildFleet({}, lib.AddressLock.none()).resolve().addressLock.text).clusters);
});

describe('changing an app\'s AWS permissions on a running fleet', () => {
  let base: RecordedPlan;
  beforeAll(async () => {
    base = await planOf({});
  });

  it('updates the policy in place when the statements change: a safe change', async () => {
    const diff = diffPlans(base, await planOf({ statements: [READ, WRITE] }));
    expect(identityChanges(diff)).toEqual(['update shop-orders-policy (policy)']);
    expect(classifyPlanDiff(diff).class).toBe('safe');
  });

  it('creates the role, its policies and the associations when an app is given AWS permissions: a safe change', async () => {
    const diff = diffPlans(await planOf({ none: true }), base);
    expect(identityChanges(diff)).toEqual([
      'create production-eu-west-1-app-orders',
      'create production-us-east-1-app-orders',
      'create shop-orders',
      'create shop-orders-AmazonS3ReadOnlyAccess-<hash>',
      'create shop-orders-policy',
    ]);
    expect(classifyPlanDiff(diff).class).toBe('safe');
  });

  it('adds an attachment for a managed policy added, and touches no other', async () => {
    expect(identityChanges(diffPlans(base, await planOf({ managed: [SQS_READ, S3_READ] })))).toEqual(['create shop-orders-AmazonSQSReadOnlyAccess-<hash>']);
  });

  it('adds an association for a cluster added, and touches the role and the other associations not at all', async () => {
    expect(identityChanges(diffPlans(base, await planOf({ regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'] })))).toEqual(['create production-ap-southeast-1-app-orders']);
  });

  it('replaces the associations, not the role, when the app moves to another namespace', async () => {
    expect(identityChanges(diffPlans(base, await planOf({ namespace: 'orders-v2' })))).toEqual([
      'replace production-eu-west-1-app-orders',
      'replace production-us-east-1-app-orders',
      'update shop-orders (description)',
    ]);
  });
});
