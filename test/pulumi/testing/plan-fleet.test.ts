/** planFleet: the plan of a fleet's FleetDeployment in one call, or of a whole program. */
import * as pulumi from '@pulumi/pulumi';
import { describe, expect, it } from 'vitest';
import { AddressLock, ApiEndpoint, EnvironmentFleet, Fleet, FleetValidationError } from '../../../lib';
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
