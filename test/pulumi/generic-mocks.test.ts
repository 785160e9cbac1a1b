/**
 * Pulumi's own unit-test recipe (mocks that echo inputs) on a FleetDeployment:
 * every answer fleetform computes with is missing, and each is refused with a
 * message that says so and names fleetform's mocks — never a TypeError from
 * inside fleetform.
 */
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';
import { failuresUntil, MOCKS_HINT } from './missing-answers';

let lib: typeof import('../../lib');
let binding: typeof import('../../lib/pulumi');

beforeAll(async () => {
  // As Pulumi's guide writes it: no organization, resources' outputs are their inputs, calls echo their inputs.
  await pulumi.runtime.setMocks({
    newResource: (args) => ({ id: `${args.name}_id`, state: args.inputs }),
    call: (args) => args.inputs,
  }, 'project', 'stack', false);
  lib = await import('../../lib');
  binding = await import('../../lib/pulumi');
});

function shop(addressLock = lib.AddressLock.none()) {
  const fleet = new lib.Fleet('shop', { addressLock, supportDate: TEST_SUPPORT_DATE, apiEndpoint: lib.ApiEndpoint.publicFrom('203.0.113.0/24') });
  new lib.EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'us-east-1'] });
  new lib.FleetApp(fleet, 'api', { image: 'ghcr.io/shop/api:1.0.0', port: 8080, placement: lib.Placement.all() });
  return fleet;
}

describe("Pulumi's generic mocks", () => {
  it('refuse the availability zones they do not answer, per cluster, naming fleetform\'s mocks', async () => {
    const fleet = shop(lib.AddressLock.of(shop().resolve().addressLock.next));
    const zones = (path: string) => `[${path}] aws.getAvailabilityZones(${path.split('/')[2]}) returned no availability zone names; ${MOCKS_HINT}`;
    const failures = await failuresUntil(
      () => new binding.FleetDeployment('shop', { fleet, deployer: 'arn:aws:iam::111122223333:role/deployer' }),
      [zones('shop/production/eu-west-1'), zones('shop/production/us-east-1')],
    );
    // Every failure is one of fleetform's refusals (Pulumi may wrap it), none a TypeError from inside fleetform.
    expect(failures.filter((e) => !(e instanceof Error && e.message.endsWith(MOCKS_HINT)))).toEqual([]);
    expect(MOCKS_HINT).toBe("under Pulumi mocks install fleetform's with mockCloud() from fleetform/pulumi/testing");
  });

  it('refuse a caller identity without an ARN in deployerFromCallerIdentity', async () => {
    await expect(binding.deployerFromCallerIdentity()).rejects.toThrow(`[deployerFromCallerIdentity] aws.getCallerIdentity returned no ARN; ${MOCKS_HINT}`);
  });
});
