/** planFleet: the plan of a fleet's FleetDeployment in one call, or of a whole program. */
import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { AddressLock, ApiEndpoint, EnvironmentFleet, EnvironmentProfile, Fleet, FleetValidationError } from '../../../lib';
import { planFleet } from '../../../lib/pulumi/testing';
import { TEST_SUPPORT_DATE } from '../../helpers/support-date';

function shop(addressLock = AddressLock.none()): Fleet {
  const fleet = new Fleet('shop', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
  new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1'] });
  return fleet;
}

describe('planFleet', () => {
  it('plans the FleetDeployment of a fleet, named after it, with the mocks\' deployer given access', async () => {
    // The lock as a synth writes it: the cluster is created without a bootstrap admin, so the deployer needs an entry.
    const lock = AddressLock.of(JSON.parse(shop().resolve().addressLock.text).clusters);
    const plan = await planFleet(shop(lock), { accountId: '444455556666' });
    expect(plan.resources.find((r) => r.type === 'fleetform:index:FleetDeployment')?.name).toBe('shop');
    const entries = plan.resources.filter((r) => r.type === 'aws:eks/accessEntry:AccessEntry').map((r) => r.inputs.principalArn);
    expect(entries).toContain('arn:aws:iam::444455556666:role/pulumi-deployer');
  });

  it('gives a sandbox cluster a node group whose floor is zero and one NAT gateway', async () => {
    const sandbox = (addressLock = AddressLock.none()) => {
      const fleet = new Fleet('lab', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24') });
      new EnvironmentFleet(fleet, 'rnd', { regions: ['us-west-2'], profile: EnvironmentProfile.sandbox() });
      return fleet;
    };
    const plan = await planFleet(sandbox(AddressLock.of(JSON.parse(sandbox().resolve().addressLock.text).clusters)));
    const groups = plan.resources.filter((r) => r.type === 'aws:eks/nodeGroup:NodeGroup');
    expect(groups.map((g) => [g.name, g.inputs.scalingConfig, g.inputs.capacityType])).toEqual([
      ['rnd-us-west-2-general', { minSize: 0, desiredSize: 1, maxSize: 2 }, 'SPOT'],
    ]);
    expect(plan.resources.filter((r) => r.type === 'aws:ec2/natGateway:NatGateway')).toHaveLength(1);
  });

  it('refuses what the deployment refuses, with every problem', async () => {
    await expect(planFleet(shop())).rejects.toThrow(FleetValidationError);
    await expect(planFleet(shop())).rejects.toThrow(/is not recorded in an address lock/);
  });

  it('plans a whole program given as a function', async () => {
    const plan = await planFleet(() => new pulumi.ComponentResource('acme:index:Thing', 'thing'), { pulumi });
    expect(plan.resources.map((r) => [r.type, r.name])).toEqual([['acme:index:Thing', 'thing']]);
  });

  it('says what it wants when given neither a fleet nor a function', async () => {
    await expect(planFleet({} as Fleet)).rejects.toThrow(/planFleet was given something that is neither a Fleet nor a function/);
  });
});
